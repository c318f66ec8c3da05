@echo off
rem Opens the facilitator face of SIGAP (the same as: sigap --facilitator).
start "" "%~dp0sigap.exe" --facilitator
