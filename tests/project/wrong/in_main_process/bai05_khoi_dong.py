"""Wrong method for the tests of the tests: rescale_all fixed with an initializer, but the
lambda of block_sums "fixed" by summing every block in the main process (no Process, no Queue)."""

from multiprocessing import Pool

from tangtoc import reference

_given = reference.load("bai05_khoi_dong")  # the given helpers, exactly as in the exercise
SETTINGS, square_sum = _given.SETTINGS, _given.square_sum


def configure(scale, offset):
    SETTINGS["scale"], SETTINGS["offset"] = scale, offset


def rescale(value):
    return round(value * SETTINGS["scale"] + SETTINGS["offset"], 6)


def rescale_all(values, scale, offset, workers=2):
    with Pool(processes=workers, initializer=configure, initargs=(scale, offset)) as pool:
        return pool.map(rescale, values)


def block_sums(blocks):
    return [square_sum(block) for block in blocks]
