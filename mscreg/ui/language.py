"""The interface language: one current value for the whole window, switchable while the app runs.

Two kinds of text change with the language.  Qt strings (``tr``) are swapped by a ``QTranslator``
(mscreg's own ``mscreg_zh_CN.qm`` from the package's translations, and Qt's ``qtbase`` catalogue for
its standard dialogs); names of states, event types, jurisdictions and tissues come from the domain's
bilingual tables, chosen by :func:`current_language`.  Switching sends Qt's ``LanguageChange`` event
to every widget (each one's ``retranslate_ui`` runs) and emits :attr:`LanguageState.changed` for the
Qt models, which are not widgets and get no such event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator, Signal

from mscreg.resource_paths import resource_path

if TYPE_CHECKING:
    # PySide6's stubs type the marker as returning ``object``; it returns its source text unchanged, and
    # that text goes on to ``QCoreApplication.translate``, which takes a ``str``.  Widgets import the
    # marker from here (lupdate finds it by name, wherever it was imported from).
    def QT_TRANSLATE_NOOP(context: str, source: str, /) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP

LANGUAGES: tuple[str, ...] = ("en", "zh_CN")


def normalise(lang: str | None) -> str:
    """``zh_CN`` for any Chinese code, else ``en`` (the two languages mscreg speaks)."""
    return "zh_CN" if (lang or "").lower().replace("-", "_").startswith("zh") else "en"


class LanguageState(QObject):
    """Holds the current language and the installed translators; ``changed`` carries the new code."""

    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._lang = "en"
        self._translators: list[QTranslator] = []

    @property
    def lang(self) -> str:
        return self._lang

    def set(self, lang: str) -> None:
        new = normalise(lang)
        if new == self._lang and self._translators:
            return
        self._lang = new
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if new == "zh_CN"
                           else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        app = QCoreApplication.instance()
        if app is not None:
            self._swap_translators(app, new)
            # Installing a translator already sends LanguageChange; with none (English, or no .qm found)
            # nothing would, so send it ourselves: QApplication passes it on to every widget.
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        self.changed.emit(new)

    def _swap_translators(self, app: QCoreApplication, lang: str) -> None:
        for old in self._translators:
            app.removeTranslator(old)
        self._translators = []
        if lang == "en":
            # English needs a catalogue too, for its plural forms only: "1 day", "940 days", never "day(s)"
            candidates = [(str(resource_path("translations")), "mscreg_en")]
        else:
            from PySide6.QtCore import QLibraryInfo  # Qt's own catalogue: Chinese only

            candidates = [
                (str(resource_path("translations")), f"mscreg_{lang}"),
                (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{lang}"),
            ]
        for folder, name in candidates:
            translator = QTranslator(self)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self._translators.append(translator)


_state: LanguageState | None = None


def language_state() -> LanguageState:
    """The one language holder of the process (created on first use, in the UI thread)."""
    global _state
    if _state is None:
        _state = LanguageState()
    return _state


def current_language() -> str:
    """``en`` or ``zh_CN``: what every view uses to pick names from the domain's bilingual tables."""
    return language_state().lang


def set_language(lang: str) -> None:
    language_state().set(lang)


def is_chinese() -> bool:
    return current_language().startswith("zh")
