"""Data files of nusym (constants, presets, elements, isotopes); see README.md here."""
