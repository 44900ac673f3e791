"""Tests mirror the game package; a package so that tests/i18n never shadows the i18n library pygame_gui imports."""
