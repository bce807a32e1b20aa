"""argparse speaking Vietnamese: help headings, usage and the common errors, with a suggestion
for a mistyped command. Messages argparse adds in future versions stay English, but readable."""

import argparse
import difflib
import re
import sys


class VietnameseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "cách dùng: " if prefix is None else prefix)


class VietnameseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        text = translate(message, self.prog)
        if not text.endswith("?"):
            text += f"; gõ «{self.prog} --help» để xem cách dùng."
        self.exit(2, f"Lỗi: {text}\n")


def translate(message: str, prog: str) -> str:
    choice = re.match(r"argument (.+?): invalid choice: '?(.*?)'? \(choose from (.*)\)", message)
    if choice:
        name, wanted, choices = choice.groups()
        known = re.findall(r"'?([\w-]+)'?", choices)
        close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.5)
        what = "không có lệnh" if name == "LỆNH" else f"{name} không nhận giá trị"
        return f"{what} «{wanted}»" + (f"; có phải ý bạn là «{prog} {close[0]}»?" if close else
                                       f" (chọn một trong: {', '.join(known)})")
    for english, vietnamese in TRANSLATIONS:
        message = re.sub(english, vietnamese, message)
    return message


TRANSLATIONS = [
    (r"^the following arguments are required: (.*)$", r"thiếu tham số \1"),
    (r"^unrecognized arguments: (.*)$", r"không hiểu tham số \1"),
    (r"^argument (.+?): expected one argument$", r"tùy chọn \1 cần một giá trị"),
    (r"^argument (.+?): not allowed with argument (.+)$", r"không dùng \1 cùng với \2"),
    (r"^argument (.+?): (.*)$", r"tham số \1: \2"),
]
