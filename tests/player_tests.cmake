# Participant screens: headless screen tests and the Xvfb play-through.
