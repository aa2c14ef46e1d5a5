"""The territory: its profile, the official communes and EPCI, SIREN checks, who to call.

``profile`` (a profile checked field by field), ``official`` and ``official_data`` (the
official territories and their search), ``siren`` (warnings on a SIREN), ``contacts`` (the
regional directory) and ``contours`` (the maps' shapes, région by région).
"""
