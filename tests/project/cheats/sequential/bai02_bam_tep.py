"""Cheat for the tests of the tests: the sequential version under the threaded name."""

from tangtoc import reference


def checksum_files_threads(paths, workers=2):
    return reference.load("bai02_bam_tep").checksum_files_sequential(paths)
