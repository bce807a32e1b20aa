"""Wrong method for the tests of the tests: processes where the statement asks for threads
(ProcessPoolExecutor; the same checksums, and fast too, but not the lesson: hashlib releases
the GIL, so threads suffice)."""

from concurrent.futures import ProcessPoolExecutor

from tangtoc import reference

# The given helpers, exactly as in the reference, rebound to this module (its workers pickle
# checksum_file by this module's name).
reference.given_in(globals(), "bai02_bam_tep", "hashlib", "CHUNK_BYTES", "checksum_file",
                   "checksum_files_sequential")


def checksum_files_threads(paths, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(checksum_file, paths))  # noqa: F821
