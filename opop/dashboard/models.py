# The dashboard keeps no models: the indicator dictionary, the target register and the recorded figures it reads
# are opop.indicators' (moved there so that programs can point at an indicator without reaching up to the dashboard).
