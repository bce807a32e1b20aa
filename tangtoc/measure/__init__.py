"""The lessons' measurements, runnable on the course's machine (scripts/measure_baiNN.py write
measurements/*.md, which the pages embed) and on a student's (`tangtoc measure BÀI` prints the
same tables beside the course's and saves them in a file to share).

Each lesson module has `measure(quick, progress, command) -> Measured`: `quick` shrinks every
size so a run takes seconds (the suite's tests; figures then mean little), `progress` is
called once per timed run, `command` is the command line the captions name.
"""

from tangtoc.measure.tables import Measured, Table

OUT_NAME = "ket-qua-do"  # where `tangtoc measure` writes, beside the course or the cwd

LESSONS = {  # lesson name -> (module, page) ; modules imported when measured
    "bai01": ("tangtoc.measure.bai01", "bai01-vi-sao-song-song.md"),
    "bai02": ("tangtoc.measure.bai02", "bai02-gil.md"),
    "bai04": ("tangtoc.measure.bai04", "bai04-pool.md"),
}

__all__ = ["LESSONS", "OUT_NAME", "Measured", "Table"]
