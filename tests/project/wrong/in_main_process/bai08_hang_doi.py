"""Wrong method for the tests of the tests: the hang "fixed" by making the records in the main
process (no producer process, no queue to fill): same output, the lesson's point lost."""

import hashlib

COUNT = 200


def make_record(index: int) -> bytes:
    return hashlib.sha256(str(index).encode()).hexdigest().encode() * 160


def main() -> None:
    records = [make_record(index) for index in range(COUNT)]
    checksum = hashlib.sha256(b"".join(records)).hexdigest()[:16]
    print(f"Đã nhận {len(records)} bản ghi, tổng kiểm {checksum}")


if __name__ == "__main__":
    main()
