# Facilitator: aggregation, exports, screens.
