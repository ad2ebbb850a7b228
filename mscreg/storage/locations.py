"""Where an SQLite file lives, and whether SQLite can be trusted there.

SQLite's own documentation ("How To Corrupt An SQLite Database File", §2.1; "SQLite Over a Network")
says file locking on network filesystems (SMB/CIFS, NFS, and the like) is often broken, so two
users can both write and corrupt the file.  mscreg therefore refuses an SQLite database on a network
share and points to the PostgreSQL option, and opens a file in a read-only location read-only
(with a reason the window shows as a banner) instead of failing on the first write.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

# Filesystem types (as the Linux kernel names them in /proc/self/mountinfo) where SQLite's locking
# cannot be relied on.  fuse.* network filesystems are matched by the list below too.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "beegfs", "davfs", "coda", "fuse.sshfs", "fuse.glusterfs", "fuse.cephfs",
    "fuse.s3fs", "fuse.rclone", "fuse.davfs2", "fuse.smbnetfs", "fuse.gvfsd-fuse",
})

MOUNTINFO = Path("/proc/self/mountinfo")


@dataclass(frozen=True)
class Mount:
    point: str
    fs_type: str
    source: str


def _unescape(field: str) -> str:
    """mountinfo escapes space, tab, newline and backslash as octal (``\\040``)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit() and len(field[i + 1:i + 4]) == 3:
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of ``/proc/self/mountinfo`` (fields: see proc(5)); malformed lines are skipped."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append(Mount(point=_unescape(fields[4]), fs_type=tail[0], source=_unescape(tail[1])))
    return mounts


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``path``: the longest mount point that is a prefix of it."""
    best: Mount | None = None
    text = str(path)
    for m in mounts:
        point = m.point.rstrip("/") or "/"
        if (text == point or text.startswith(point + "/") or point == "/") and (
                best is None or len(point) > len(best.point.rstrip("/") or "/")):
            best = m
    return best


def is_unc(location: str) -> bool:
    r"""``\\server\share\…`` or ``//server/share/…``: a Windows network path, whatever the platform."""
    return location.startswith(("\\\\", "//")) and not location.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_drive_is_remote(path: PurePath) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = PureWindowsPath(path).drive
    if not drive:
        return False
    DRIVE_REMOTE = 4
    # ctypes.windll exists only on Windows, where this branch runs
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def network_filesystem(location: str | Path, mountinfo: Path | None = None) -> str | None:
    """The network filesystem ``location`` is on ("cifs", "nfs4", "UNC path" …), or None when local.

    The folder is examined, not the file, so a file that does not exist yet is judged as well.
    ``mountinfo`` is there for tests; by default the running kernel's table is read.
    """
    text = str(location)
    if is_unc(text):
        return "UNC path"
    path = Path(text).expanduser()
    if os.name == "nt":  # pragma: no cover - Windows only
        return "network drive" if _windows_drive_is_remote(path) else None
    source = mountinfo or MOUNTINFO
    try:
        mounts = parse_mountinfo(source.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None  # no mount table (macOS, BSD): nothing to go on
    folder = path.parent if not path.is_dir() else path
    with contextlib.suppress(OSError):
        folder = folder.resolve()
    mount = mount_of(folder, mounts)
    if mount is None:
        return None
    fs = mount.fs_type.lower()
    if fs in NETWORK_FS_TYPES or fs.split(".")[0] in {"nfs", "cifs", "smb3"}:
        return mount.fs_type
    return None


def read_only_reason(path: Path) -> str | None:
    """Why an existing database file cannot be written here, or None when it can.

    Both the file and its folder must be writable: SQLite in WAL mode creates ``-wal`` and ``-shm``
    files beside the database.  ``os.access`` answers for the effective user and honours read-only
    mounts (EROFS).
    """
    if not os.access(path, os.W_OK):
        return "file"
    if not os.access(path.parent, os.W_OK):
        return "folder"
    return None
