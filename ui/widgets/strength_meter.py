"""A passphrase strength meter: a coloured bar, a verdict in words, and advice.

The estimate (vault/strength.py: zxcvbn) takes a few milliseconds for what
people type, but seconds for a long paste of symbols, since zxcvbn tries
every l33t reading. So it runs on Qt's thread pool, one estimate at a time,
and only the newest text is estimated next: typing stays smooth and the GUI
thread never waits. Until the current text is estimated, ``strength`` is
None and the bar keeps showing the previous verdict, so it does not flicker.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRectF,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.vault.store.strength import Strength, estimate

log = logging.getLogger(__name__)

Estimator = Callable[[str, Sequence[str]], Strength]

SEGMENTS = 4
# Red to green; readable on light and dark windows alike.
_COLOURS = ("#d93025", "#e8710a", "#e0a800", "#43a047", "#1e8e3e")

_VERDICTS = (
    QT_TRANSLATE_NOOP("StrengthMeter", "Very weak"),
    QT_TRANSLATE_NOOP("StrengthMeter", "Weak"),
    QT_TRANSLATE_NOOP("StrengthMeter", "Fair, but not strong enough"),
    QT_TRANSLATE_NOOP("StrengthMeter", "Strong"),
    QT_TRANSLATE_NOOP("StrengthMeter", "Very strong"),
)

# The estimator's advice is English; it is translated by its text in the
# "vault.strength" context. Listed here so that lupdate finds every sentence.
ADVICE = (
    # vault/strength.py's own (literals, for lupdate; a test keeps them in step)
    QT_TRANSLATE_NOOP("vault.strength", "This is one of the most common passwords in China."),
    QT_TRANSLATE_NOOP("vault.strength", "Common names and surnames are easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Common pinyin words and phrases are easy to guess."),
    QT_TRANSLATE_NOOP(
        "vault.strength", "Lucky numbers like 520, 1314 and 888, and years, are easy to guess."
    ),
    QT_TRANSLATE_NOOP("vault.strength", "Your own name is easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Use four or more unrelated words."),
    # zxcvbn's own feedback (zxcvbn/feedback.py)
    QT_TRANSLATE_NOOP("vault.strength", "Use a few words, avoid common phrases."),
    QT_TRANSLATE_NOOP("vault.strength", "No need for symbols, digits, or uppercase letters."),
    QT_TRANSLATE_NOOP("vault.strength", "Add another word or two. Uncommon words are better."),
    QT_TRANSLATE_NOOP("vault.strength", "Straight rows of keys are easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Short keyboard patterns are easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Use a longer keyboard pattern with more turns."),
    QT_TRANSLATE_NOOP("vault.strength", 'Repeats like "aaa" are easy to guess.'),
    QT_TRANSLATE_NOOP(
        "vault.strength", 'Repeats like "abcabcabc" are only slightly harder to guess than "abc".'
    ),
    QT_TRANSLATE_NOOP("vault.strength", "Avoid repeated words and characters."),
    QT_TRANSLATE_NOOP("vault.strength", 'Sequences like "abc" or "6543" are easy to guess.'),
    QT_TRANSLATE_NOOP("vault.strength", "Avoid sequences."),
    QT_TRANSLATE_NOOP("vault.strength", "Recent years are easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Avoid recent years."),
    QT_TRANSLATE_NOOP("vault.strength", "Avoid years that are associated with you."),
    QT_TRANSLATE_NOOP("vault.strength", "Dates are often easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Avoid dates and years that are associated with you."),
    QT_TRANSLATE_NOOP("vault.strength", "This is a top-10 common password."),
    QT_TRANSLATE_NOOP("vault.strength", "This is a top-100 common password."),
    QT_TRANSLATE_NOOP("vault.strength", "This is a very common password."),
    QT_TRANSLATE_NOOP("vault.strength", "This is similar to a commonly used password."),
    QT_TRANSLATE_NOOP("vault.strength", "A word by itself is easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Names and surnames by themselves are easy to guess."),
    QT_TRANSLATE_NOOP("vault.strength", "Capitalization doesn't help very much."),
    QT_TRANSLATE_NOOP("vault.strength", "All-uppercase is almost as easy to guess as all-lowercase."),
    QT_TRANSLATE_NOOP("vault.strength", "Reversed words aren't much harder to guess."),
    QT_TRANSLATE_NOOP(
        "vault.strength", "Predictable substitutions like '@' instead of 'a' don't help very much."
    ),
)


def advice_text(sentence: str) -> str:
    return QCoreApplication.translate("vault.strength", sentence)


def verdict_text(score: int) -> str:
    return QCoreApplication.translate("StrengthMeter", _VERDICTS[max(0, min(score, 4))])


class _Bar(QWidget):
    """Four rounded segments; as many are filled, in the score's colour, as it earns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filled = 0
        self.colour = QColor(_COLOURS[0])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(160, 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 6)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            empty = self.palette().color(QPalette.ColorRole.Mid)
            empty.setAlpha(90)
            gap = 4.0
            width = (self.width() - gap * (SEGMENTS - 1)) / SEGMENTS
            height = float(self.height())
            for i in range(SEGMENTS):
                painter.setBrush(self.colour if i < self.filled else empty)
                rect = QRectF(i * (width + gap), 0, width, height)
                painter.drawRoundedRect(rect, height / 2, height / 2)
        finally:
            painter.end()


class _Bridge(QObject):
    """Carries a result from the pool thread back to the GUI thread."""

    done = Signal(int, object)


class StrengthMeter(QWidget):
    changed = Signal()
    """The current text's estimate is known (``strength``), or the text became empty."""

    def __init__(self, parent: QWidget | None = None, *, estimator: Estimator = estimate) -> None:
        super().__init__(parent)
        self._estimator = estimator
        self._inputs: tuple[str, ...] = ()
        self._text = ""
        self._generation = 0
        self._running = False
        self._queued = False
        self._strength: Strength | None = None
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._on_done)

        self.bar = _Bar()
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.advice = QLabel()
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        self.advice.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Two lines' room, always: the page must not jump as the advice changes.
        self.advice.setMinimumHeight(self.advice.fontMetrics().lineSpacing() * 2)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.setAccessibleName(self.tr("Passphrase strength"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(10)
        top.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.verdict)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.advice)
        self._show(None)

    # -- state -----------------------------------------------------------------------

    @property
    def strength(self) -> Strength | None:
        """The estimate of the current text; None while it is being estimated, or if empty."""
        return self._strength

    def set_user_inputs(self, inputs: Sequence[str]) -> None:
        """Words an attacker would try first (the user's name); re-estimates."""
        self._inputs = tuple(inputs)
        self.set_passphrase(self._text)

    def set_passphrase(self, text: str) -> None:
        self._text = text
        self._generation += 1
        self._strength = None
        if not text:
            self._queued = False
            self._show(None)
            self.changed.emit()
            return
        self._queued = True
        self._start_next()

    # -- estimating, one at a time, newest first ----------------------------------------

    def _start_next(self) -> None:
        if self._running or not self._queued:
            return
        self._queued = False
        self._running = True
        generation, text, inputs = self._generation, self._text, self._inputs
        estimator, bridge = self._estimator, self._bridge

        def work() -> None:
            try:
                result: Strength | None = estimator(text, inputs)
            except Exception as exc:  # a bug: log its type only, never the passphrase
                log.error("Unexpected %s while estimating passphrase strength", type(exc).__name__)
                result = None
            with contextlib.suppress(RuntimeError):  # the meter was closed meanwhile
                bridge.done.emit(generation, result)

        QThreadPool.globalInstance().start(work)

    def _on_done(self, generation: int, result: Strength | None) -> None:
        self._running = False
        if generation == self._generation and result is not None:
            self._strength = result
            self._show(result)
            self.changed.emit()
        self._start_next()

    # -- display -----------------------------------------------------------------------

    def _show(self, strength: Strength | None) -> None:
        if strength is None:
            self.bar.filled = 0
            self.verdict.setText("")
            self.advice.setText(self.tr("A few unrelated words make a strong passphrase."))
            self.setAccessibleDescription("")
        else:
            score = max(0, min(strength.score, 4))
            self.bar.filled = max(1, score)
            self.bar.colour = QColor(_COLOURS[score])
            words = verdict_text(score)
            self.verdict.setText(words)
            self.verdict.setStyleSheet(f"color: {_COLOURS[score]}; font-weight: 600;")
            self.advice.setText(self._advice(strength))
            self.setAccessibleDescription(words)
        self.bar.update()

    def _advice(self, strength: Strength) -> str:
        if strength.acceptable:
            return self.tr("Good. Make sure you will remember it.")
        sentences = []
        if strength.warning:
            sentences.append(advice_text(strength.warning))
        if strength.suggestions:
            sentences.append(advice_text(strength.suggestions[0]))
        return " ".join(sentences)
