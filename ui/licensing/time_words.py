"""Dates, countdowns and spans in words, for the ledger and the received library.

One place for both views, so "in 12 days" reads the same on either side of
a license. The words are methods of a QObject because lupdate only sees a
plural (``%n``) in ``self.tr(text, "", n)``: in ``QCoreApplication.translate``
it takes the count for an encoding, and English would keep "day(s)".
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, QObject

DAY = 86_400
HOUR = 3_600


def date_text(seconds: int) -> str:
    """The local date alone, in the locale's short form."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(seconds).date(), QLocale.FormatType.ShortFormat)


class TimeWords(QObject):
    def countdown(self, end: int, now: int, *, ended: bool = False) -> str:
        """How far ``end`` is from ``now`` in whole days (hours on the last day): "in 12 days".

        ``ended``: the license has ended, so ``end`` is told as past even at this very moment.
        """
        past = ended or end < now
        span = max(0, now - end) if past else end - now
        # Divided outside the calls: lupdate reads a floor division inside one as a C++ comment.
        days, hours = divmod(span, DAY)[0], divmod(span, HOUR)[0]
        if past:
            if days:
                return self.tr("ended %n day(s) ago", "", days)
            if hours:
                return self.tr("ended %n hour(s) ago", "", hours)
            return self.tr("ended less than an hour ago")
        if days:
            return self.tr("in %n day(s)", "", days)
        if hours:
            return self.tr("in %n hour(s)", "", hours)
        return self.tr("in less than an hour")

    def duration(self, seconds: int) -> str:
        """A span such as a maximum status age, in whole days, hours or minutes."""
        days, rest = divmod(seconds, DAY)
        if days and not rest:
            return self.tr("%n day(s)", "", days)
        hours, rest = divmod(seconds, HOUR)
        if hours and not rest:
            return self.tr("%n hour(s)", "", hours)
        minutes = max(1, divmod(seconds, 60)[0])
        return self.tr("%n minute(s)", "", minutes)


_WORDS = TimeWords()


def countdown(end: int, now: int, *, ended: bool = False) -> str:
    return _WORDS.countdown(end, now, ended=ended)


def duration_text(seconds: int) -> str:
    return _WORDS.duration(seconds)
