"""LanguageTool, fetched from Maven Central and run as a local server on 127.0.0.1.

``install`` fetches the pinned jars, ``server`` starts, finds and stops servers,
``client`` sends documents in bounded chunks, ``cache`` keeps results on disk,
``mapping`` turns LanguageTool matches into auditor findings and ``names``
keeps people and places from being reported as typos.
"""
