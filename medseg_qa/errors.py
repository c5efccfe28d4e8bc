"""One error hierarchy for the whole project.

Every message says what went wrong, where, and how to fix it, on one line, so that the CLI can print it
as is and the quarantine table can store it as is.
"""

from __future__ import annotations


class MedsegQAError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigError(MedsegQAError):
    """A recipe, option or environment variable is wrong; raised before any work starts."""


class WorkspaceError(MedsegQAError):
    """The workspace folder or its catalog cannot be used as asked."""


class ExportError(MedsegQAError):
    """An export was refused (for example a version that already holds another state)."""


class LicenceError(ExportError):
    """The licence gate refuses to publish: the message lists the offending sources and row counts."""


class HubError(ExportError):
    """A push to the Hugging Face hub failed or timed out; nothing was marked as released."""


class VerifyError(ExportError):
    """An export does not match its manifest: the message names the first files that differ."""


class ItemError(MedsegQAError):
    """One input item is bad; the stage quarantines it and goes on.

    `code` is a short stable reason name (counted in summaries), `where` names the file or item.
    """

    def __init__(self, code: str, message: str, where: str = "") -> None:
        self.code = code
        self.where = where
        super().__init__(f"{message} [{where}]" if where else message)


class BackendError(MedsegQAError):
    """A conversation backend cannot be used (unreachable server, missing key, bad answer)."""


class MissingExtraError(MedsegQAError):
    """An optional dependency is not installed; the message names the extra to install."""


class DownloadError(MedsegQAError):
    """A download, checksum or extraction failed; the message says whether a rerun resumes."""


class ManualDownloadRequired(MedsegQAError):
    """The dataset's licence needs a registration or click-through; the message says where."""


def require(module: str, extra: str):
    """Import an optional heavy module or raise a MissingExtraError with the install hint."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError(
            f"{module} is not installed; install it with: pip install 'medseg-qa[{extra}]'"
        ) from exc
