"""Models on this computer: the catalog, hardware fit, the models folder, installs, imports,
packs.
"""
