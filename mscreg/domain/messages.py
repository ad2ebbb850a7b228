"""English and Simplified Chinese texts for every refusal the domain and services can raise.

Kept as a reviewed table rather than Qt translations because the command line and the services must
speak the user's language without importing Qt.  Each text starts with the field and the value, then
says why, so a message read on its own (in a log, an import report) still makes sense.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from mscreg.domain.errors import Problem


class NoDate(str):
    """A date parameter for an event whose date is unknown: rendered "with no date" / "日期不详"."""


# code: (English, Chinese).  Parameters in {braces}; {field} and {value} are always available.
MESSAGES: dict[str, tuple[str, str]] = {
    "date.format": (
        "{field} “{value}” is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD (for example 2012, "
        "2024-07 or 2024-12-18).",
        "{field}“{value}”不是有效日期：请按 YYYY、YYYY-MM 或 YYYY-MM-DD 格式填写(如 2012、2024-07、2024-12-18)。",
    ),
    "date.year_range": (
        "{field} “{value}”: the year must be between {min} and {max}.",
        "{field}“{value}”：年份必须在 {min} 至 {max} 之间。",
    ),
    "date.month_range": (
        "{field} “{value}”: there is no month with that number (months are 01 to 12).",
        "{field}“{value}”：月份不存在(月份为 01 至 12)。",
    ),
    "date.day_range": (
        "{field} “{value}”: that month has only {last} days.",
        "{field}“{value}”：该月只有 {last} 天。",
    ),
    "date.need_day": (
        "{field} “{value}”: a full date to the day is needed here (YYYY-MM-DD).",
        "{field}“{value}”：此处需要精确到日的日期(YYYY-MM-DD)。",
    ),
    "jurisdiction.unknown": (
        "{field} “{value}” is not a known jurisdiction code. Valid codes: {valid}.",
        "{field}“{value}”不是已知的国家/地区代码。有效代码：{valid}。",
    ),
    "event_type.unknown": (
        "{field} “{value}” is not a known event type. Valid types: {valid}.",
        "{field}“{value}”不是已知的事件类型。有效类型：{valid}。",
    ),
    "attribute.unknown": (
        "{field} “{value}”: event type {type} takes no such attribute (it takes: {valid}).",
        "{field}“{value}”：事件类型 {type} 没有此属性(可用属性：{valid})。",
    ),
    "attribute.value": (
        "{field} “{value}” is not valid: expected {expected}.",
        "{field}“{value}”无效：应为 {expected}。",
    ),
    "text.empty": ("{field} must not be empty.", "{field}不能为空。"),
    "text.too_long": (
        "{field} “{value}” is too long: {length} characters, at most {limit}.",
        "{field}“{value}”过长：共 {length} 个字符，最多 {limit} 个。",
    ),
    "text.control": (
        "{field} “{value}” contains a NUL character, which cannot be stored.",
        "{field}“{value}”包含无法保存的 NUL 字符。",
    ),
    "choice.unknown": (
        "{field} “{value}” is not one of: {valid}.",
        "{field}“{value}”不是以下选项之一：{valid}。",
    ),
    "timeline.no_tracks": (
        "{field} “{value}”: the product has no track yet, so there is no timeline to draw.",
        "{field}“{value}”：该产品尚无任何申报路径，无法绘制时间线。",
    ),
    "timeline.page_size": (
        "{field} “{value}”: unknown page size; use one of {valid}.",
        "{field}“{value}”：未知的纸张尺寸；可用：{valid}。",
    ),
    "timeline.too_many_lanes": (
        "{field} “{value}”: {lanes} lanes do not fit legibly on one {page} page; use --fit tile "
        "(or a larger page, or a narrower selection).",
        "{field}“{value}”：{lanes} 行无法清晰地放在一张 {page} 纸上；请使用 --fit tile"
        "(或更大的纸张、更小的范围)。",
    ),
    "timeline.out_format": (
        "{field} “{value}”: the file name must end in .pdf or .png.",
        "{field}“{value}”：文件名必须以 .pdf 或 .png 结尾。",
    ),
    "timeline.out_folder_missing": (
        "{field} “{value}”: cannot write there: the folder does not exist.",
        "{field}“{value}”：无法写入该位置：文件夹不存在。",
    ),
    "timeline.out_denied": (
        "{field} “{value}”: cannot write there: no permission to write in that folder.",
        "{field}“{value}”：无法写入该位置：没有该文件夹的写入权限。",
    ),
    "timeline.png_failed": (
        "{field} “{value}”: cannot write there: the PNG image could not be encoded.",
        "{field}“{value}”：无法写入该位置：PNG 图像编码失败。",
    ),
    "timeline.out_unwritable": (
        "{field} “{value}”: cannot write there ({reason}).",
        "{field}“{value}”：无法写入该位置（{reason}）。",
    ),
    "product.not_found": (
        "{field} “{value}”: no product has this name or alias.",
        "{field}“{value}”：没有产品使用此名称或别名。",
    ),
    "product.exists": (
        "{field} “{value}”: a product with this name or alias already exists ({other}).",
        "{field}“{value}”：已有产品使用此名称或别名({other})。",
    ),
    "track.not_found": (
        "{field} “{value}”: product {product} has no such track.",
        "{field}“{value}”：产品 {product} 没有此申报路径。",
    ),
    "track.need_indication": (
        "{field}: product {product} has no {pathway} track in {jurisdiction} yet; give the indication to "
        "start one.",
        "{field}：产品 {product} 在 {jurisdiction} 尚无{pathway}路径；请填写适应症以新建。",
    ),
    "track.ambiguous": (
        "{field}: product {product} has several {pathway} tracks in {jurisdiction}; say which: {tracks}.",
        "{field}：产品 {product} 在 {jurisdiction} 有多个{pathway}路径，请指明：{tracks}。",
    ),
    "track.exists": (
        "{field} “{value}”: this track already exists.",
        "{field}“{value}”：此申报路径已存在。",
    ),
    "event.not_found": ("{field} “{value}”: no such event.", "{field}“{value}”：没有此事件。"),
    "event.duplicate": (
        "{field} “{value}”: track {track} already has this event on this date.",
        "{field}“{value}”：申报路径 {track} 在该日期已有相同事件。",
    ),
    "record.stale": (
        "{field} “{value}”: the record was changed by {user} at {at} since you opened it; "
        "reload to see the latest values.",
        "{field}“{value}”：该记录在您打开后已由 {user} 于 {at} 修改；请重新加载查看最新内容。",
    ),
    "record.missing": (
        "{field} “{value}”: this record no longer exists; someone may have deleted it since you opened it.",
        "{field}“{value}”：该记录已不存在，可能在您打开后已被他人删除。",
    ),
    "product.has_tracks": (
        "{field} “{value}” still has tracks. Delete its events and tracks first, each with its "
        "own reason, so the audit trail shows what was removed and why.",
        "{field}“{value}”仍有申报路径。请先逐一删除其事件和申报路径并分别说明原因，"
        "以便审计追踪记录删除了什么及其原因。",
    ),
    "track.has_events": (
        "{field} “{value}” still has events. Delete the events first, each with its own "
        "reason, so the audit trail shows what was removed and why.",
        "{field}“{value}”仍有事件。请先逐一删除这些事件并分别说明原因，"
        "以便审计追踪记录删除了什么及其原因。",
    ),
    "reason.empty": (
        "{field} must say why the change is made (it goes into the audit trail).",
        "{field}必须说明修改原因(将记入审计追踪)。",
    ),
    "transition.not_allowed": (
        "Track {track}: event “{event}” ({date}) is not allowed when the track is “{state}”. "
        "Allowed next: {allowed}.",
        "申报路径 {track}：事件“{event}”({date})在状态“{state}”下不允许。可记录的下一事件：{allowed}。",
    ),
    "transition.never_authorised": (
        "Track {track}: event “{event}” ({date}) is refused: there is no authorisation to end — the "
        "track is “{state}” at that date.",
        "申报路径 {track}：事件“{event}”({date})被拒绝：该日期时尚无可撤销的上市许可，状态为“{state}”。",
    ),
    "transition.implied_without_acceptance": (
        "Track {track}: implied permission (默示许可) ({date}) is refused: it can only follow the "
        "acceptance (受理) of the trial application, and the track is “{state}” at that date.",
        "申报路径 {track}：{date} 的默示许可被拒绝：默示许可只能在临床试验申请受理之后，该日期时状态为“{state}”。",
    ),
    "transition.order": (
        "Track {track}: event “{event}” ({date}) would come before “{after_event}” ({after_date}), "
        "which it must follow. Check the date (an imprecise date sorts by its earliest day).",
        "申报路径 {track}：事件“{event}”({date})将排在它必须在其后的“{after_event}”({after_date})之前。"
        "请检查日期(不精确的日期按其最早可能日期排序)。",
    ),
    "transition.breaks_later": (
        "Track {track}: this change to “{changed}” ({changed_date}) would leave the later event "
        "“{event}” ({date}) impossible in state “{state}”.",
        "申报路径 {track}：对“{changed}”({changed_date})的此项修改将使后续事件“{event}”({date})"
        "在状态“{state}”下不成立。",
    ),
    "transition.wrong_jurisdiction": (
        "Track {track}: event type “{event}” ({date}) does not exist in {jurisdiction} (it is used in: {where}).",
        "申报路径 {track}：事件类型“{event}”({date})不适用于 {jurisdiction}(适用于：{where})。",
    ),
    "transition.wrong_pathway": (
        "Track {track}: event type “{event}” ({date}) does not belong on a {pathway} track.",
        "申报路径 {track}：事件类型“{event}”({date})不属于{pathway}路径。",
    ),
    "db.missing": (
        "{field} “{value}”: no database here. Create one with `mscreg init`.",
        "{field}“{value}”：此处没有数据库。请用 `mscreg init` 创建。",
    ),
    "db.exists": (
        "{field} “{value}”: a file already exists there; mscreg will not overwrite it.",
        "{field}“{value}”：该位置已有文件，mscreg 不会覆盖。",
    ),
    "db.folder_missing": (
        "{field} “{value}”: the folder does not exist.",
        "{field}“{value}”：文件夹不存在。",
    ),
    "db.not_mscreg": (
        "{field} “{value}” is not an mscreg database ({detail}).",
        "{field}“{value}”不是 mscreg 数据库({detail})。",
    ),
    "db.damaged": (
        "{field} “{value}” is damaged: {detail}.",
        "{field}“{value}”已损坏：{detail}。",
    ),
    "db.newer": (
        "{field} “{value}” was written by a newer mscreg (schema {found}); this version knows up to "
        "{known}. Update mscreg; the file was not changed.",
        "{field}“{value}”由更新版本的 mscreg 写入(结构版本 {found})；本版本最高支持 {known}。"
        "请升级 mscreg；文件未作改动。",
    ),
    "db.locked": (
        "{field} “{value}” is locked by another process (another mscreg window or command is writing to "
        "it); mscreg waited 5 seconds. Try again when it has finished; nothing was changed.",
        "{field}“{value}”被其他进程锁定(另一个 mscreg 窗口或命令正在写入)；已等待 5 秒。"
        "请在其完成后重试；未作任何改动。",
    ),
    "db.damaged_backup": (
        "{field} “{value}” is damaged: {detail}. The newest backup is {backup} (taken {taken} UTC); "
        "restore it with: mscreg restore \"{backup}\" --db \"{value}\". Nothing was changed.",
        "{field}“{value}”已损坏：{detail}。最新备份为 {backup}(UTC {taken})；可用以下命令恢复："
        "mscreg restore \"{backup}\" --db \"{value}\"。未作任何改动。",
    ),
    "db.not_sqlite": (
        "{field} “{value}” is not an mscreg database: it is not a database file at all.",
        "{field}“{value}”不是 mscreg 数据库：它根本不是数据库文件。",
    ),
    "db.empty_file": (
        "{field} “{value}” is not an mscreg database: the file is empty.",
        "{field}“{value}”不是 mscreg 数据库：文件为空。",
    ),
    "db.is_folder": (
        "{field} “{value}” is a folder, not a database file.",
        "{field}“{value}”是文件夹，不是数据库文件。",
    ),
    "file.missing": (
        "{field} “{value}” does not exist.",
        "{field}“{value}”不存在。",
    ),
    "db.unreadable": (
        "{field} “{value}” cannot be read: {detail}.",
        "{field}“{value}”无法读取：{detail}。",
    ),
    "db.read_only": (
        "{field} “{value}” is opened read-only ({detail}): you can read, export and print, but changes "
        "cannot be saved. Copy the file to a folder you can write to, or ask for write access.",
        "{field}“{value}”以只读方式打开({detail})：可以查看、导出和打印，但无法保存修改。"
        "请将文件复制到可写入的文件夹，或申请写入权限。",
    ),
    "db.read_only_file": (
        "{field} “{value}” is opened read-only because the file is not writable: you can read, export "
        "and print, but changes cannot be saved. Ask for write access or work on a copy.",
        "{field}“{value}”以只读方式打开，因为该文件不可写：可以查看、导出和打印，但无法保存修改。"
        "请申请写入权限或使用副本。",
    ),
    "db.read_only_folder": (
        "{field} “{value}” is opened read-only because its folder is not writable (SQLite needs to create "
        "files beside the database to save): you can read, export and print, but changes cannot be "
        "saved. Copy the file to a folder you can write to.",
        "{field}“{value}”以只读方式打开，因为其所在文件夹不可写(SQLite 保存时需要在数据库旁创建文件)："
        "可以查看、导出和打印，但无法保存修改。请将文件复制到可写入的文件夹。",
    ),
    "db.read_only_upgrade": (
        "{field} “{value}” is in a read-only location and its schema must be upgraded from {found} to "
        "{known} before this mscreg can use it; copy it to a folder you can write to. The file was not "
        "changed.",
        "{field}“{value}”位于只读位置，须先将结构从 {found} 升级到 {known} 才能使用；"
        "请将其复制到可写入的文件夹。文件未作改动。",
    ),
    "db.network_share": (
        "{field} “{value}” is on a network share ({fs}). SQLite's own documentation warns that file "
        "locking on network filesystems is unreliable, so two people using the file can corrupt it. "
        "Copy the file to a local disk, or share the data through PostgreSQL "
        "(--db postgresql+psycopg://USER@HOST/DATABASE). Nothing was opened.",
        "{field}“{value}”位于网络共享({fs})上。SQLite 官方文档指出网络文件系统上的文件锁不可靠，"
        "多人同时使用可能损坏文件。请将文件复制到本地磁盘，或通过 PostgreSQL 共享数据"
        "(--db postgresql+psycopg://用户@主机/数据库)。未打开任何文件。",
    ),
    "db.server_down": (
        "{field} “{value}”: cannot reach the PostgreSQL server at {host}:{port} ({detail}). Check that "
        "the server is running and the address is right, then try again.",
        "{field}“{value}”：无法连接 {host}:{port} 上的 PostgreSQL 服务器({detail})。"
        "请确认服务器正在运行且地址正确，然后重试。",
    ),
    "db.login_refused": (
        "{field} “{value}”: the PostgreSQL server refused the login of user {user} ({detail}). Check the "
        "user name and password (or ~/.pgpass).",
        "{field}“{value}”：PostgreSQL 服务器拒绝了用户 {user} 的登录({detail})。请检查用户名和密码(或 ~/.pgpass)。",
    ),
    "db.server_no_database": (
        "{field} “{value}”: the server has no database named {name}. Ask its administrator to create "
        "it, then run mscreg init --db with this address.",
        "{field}“{value}”：服务器上没有名为 {name} 的数据库。请管理员创建后，用 mscreg init --db 加此地址初始化。",
    ),
    "db.server_busy": (
        "{field} “{value}”: the server does not accept connections now ({detail}); try again later.",
        "{field}“{value}”：服务器目前不接受连接({detail})；请稍后重试。",
    ),
    "db.server_empty": (
        "{field} “{value}” holds no mscreg data yet. Create it with mscreg init --db and this address.",
        "{field}“{value}”中尚无 mscreg 数据。请用 mscreg init --db 加此地址创建。",
    ),
    "db.server_in_use": (
        "{field} “{value}” already holds tables; mscreg creates its schema only in an empty database.",
        "{field}“{value}”中已有数据表；mscreg 只在空数据库中创建其结构。",
    ),
    "backup.server": (
        "{field} “{value}” is a PostgreSQL database: back it up on the server with pg_dump "
        "(mscreg backs up and restores SQLite files).",
        "{field}“{value}”是 PostgreSQL 数据库：请在服务器上用 pg_dump 备份(mscreg 只备份和恢复 SQLite 文件)。",
    ),
    "backup.same_file": (
        "{field} “{value}” is the database itself; choose another file.",
        "{field}“{value}”就是数据库本身；请选择其他文件。",
    ),
    "restore.chain_broken": (
        "{field} “{value}” cannot be restored: its audit trail is broken ({detail}). Nothing was changed.",
        "{field}“{value}”无法恢复：其审计追踪已断裂({detail})。未作任何改动。",
    ),
    "clock.unknown": (
        "{field} “{value}” is not a clock rule. Valid rules: {valid}.",
        "{field}“{value}”不是时限规则。有效规则：{valid}。",
    ),
    "clock.needs_period": (
        "{field} “{value}”: {detail}",
        "{field}“{value}”：{detail}",
    ),
    # data exchange (mscreg.services.exchange): each import message names what is wrong in the file
    "import.empty": ("{field}: the file holds no rows to import.", "{field}：文件中没有可导入的行。"),
    "import.format_unknown": (
        "{field} “{value}”: cannot tell the format from the extension; use one of {valid}.",
        "{field}“{value}”：无法从扩展名判断格式；请使用 {valid} 之一。",
    ),
    "import.file_missing": ("{field} “{value}”: no such file.", "{field}“{value}”：文件不存在。"),
    "import.too_large": (
        "{field} “{value}”: the file is larger than {limit} bytes.",
        "{field}“{value}”：文件超过 {limit} 字节。",
    ),
    "import.binary": (
        "{field} “{value}”: this is a binary file, not CSV text ({detail}).",
        "{field}“{value}”：这是二进制文件，不是 CSV 文本({detail})。",
    ),
    "import.encoding_unknown": (
        "{field} “{value}”: the text encoding could not be identified ({detail}). Save the file as "
        "“CSV UTF-8” in Excel and import it again.",
        "{field}“{value}”：无法识别文本编码({detail})。请在 Excel 中另存为“CSV UTF-8”后重新导入。",
    ),
    "import.csv_malformed": (
        "{field}: the CSV is malformed or truncated ({detail}).",
        "{field}：CSV 格式错误或文件不完整({detail})。",
    ),
    "import.cells_count": (
        "{field} has {value} cells where the header has {expected}: the file may be truncated or a cell "
        "holds an unquoted comma.",
        "{field}有 {value} 个单元格，而表头有 {expected} 个：文件可能不完整，或某单元格含未加引号的逗号。",
    ),
    "import.header_unknown": (
        "{field} “{value}” is not a column of this table. Columns: {valid}.",
        "{field}“{value}”不是此表的列。可用列：{valid}。",
    ),
    "import.header_repeated": (
        "{field} “{value}” appears twice in the header.",
        "{field}“{value}”在表头中出现了两次。",
    ),
    "import.header_missing": (
        "{field} “{value}” is missing; these columns are required: {valid}.",
        "缺少{field}“{value}”；必需的列：{valid}。",
    ),
    "import.duplicate_row": (
        "{field} “{value}”: this row repeats row {other} (same natural key).",
        "{field}“{value}”：此行与第 {other} 行重复(自然键相同)。",
    ),
    "import.product_disagrees": (
        "{field} “{value}”: product {product} is given a different value on row {other}.",
        "{field}“{value}”：产品 {product} 在第 {other} 行的值与此不同。",
    ),
    "import.same_day_twice": (
        "{field} “{value}”: row {other} has the same event type on the same date on this track; a track "
        "holds one event per type and date.",
        "{field}“{value}”：第 {other} 行在同一申报路径、同一日期已有相同类型的事件；"
        "每条路径每个日期每类事件只能有一个。",
    ),
    "import.same_day_in_db": (
        "{field} “{value}”: the track already has this event type on this date, with reference “{found}”; "
        "use that reference in the file, or edit the event in mscreg.",
        "{field}“{value}”：该申报路径在此日期已有相同类型的事件(参考编号“{found}”)；请在文件中使用该编号，"
        "或在 mscreg 中编辑该事件。",
    ),
    "import.precision_mismatch": (
        "{field} “{value}” does not match the date “{date}”, whose precision is {expected}.",
        "{field}“{value}”与日期“{date}”不符(该日期精度为 {expected})。",
    ),
    "import.audit_file": (
        "{field}: this is an audit-trail export; the audit trail is a record and cannot be imported.",
        "{field}：这是审计追踪导出文件；审计追踪只作记录，不能导入。",
    ),
    "import.sheet_unknown": (
        "{field} “{value}” is not a sheet mscreg imports (sheets: {valid}).",
        "{field}“{value}”不是 mscreg 可导入的工作表(工作表：{valid})。",
    ),
    "import.xlsx_damaged": (
        "{field}: not a readable XLSX workbook ({detail}).",
        "{field}：不是可读取的 XLSX 工作簿({detail})。",
    ),
    "import.xlsx_bomb": (
        "{field} “{value}” refused as a zip or XML bomb: it unpacks to more than {limit} bytes or at a "
        "compression ratio above {expected}, or its XML declares entities.",
        "{field}“{value}”疑为压缩炸弹或 XML 炸弹，已拒绝：解压后超过 {limit} 字节或压缩比高于 {expected}，"
        "或其 XML 声明了实体。",
    ),
    "import.xlsx_unsafe": (
        "{field}: XLSX import needs the defusedxml package (protection against XML bombs); install it.",
        "{field}：导入 XLSX 需要 defusedxml 软件包(防御 XML 炸弹)；请安装。",
    ),
    "import.json_invalid": (
        "{field} “{value}”: not valid JSON ({detail}).",
        "{field}“{value}”：不是有效的 JSON({detail})。",
    ),
    "import.json_shape": (
        "{field} “{value}”: expected {expected} here.",
        "{field}“{value}”：此处应为 {expected}。",
    ),
    "import.json_format": (
        "{field} “{value}”: not an mscreg export this version can read (expected {expected}).",
        "{field}“{value}”：不是本版本可读取的 mscreg 导出文件(应为 {expected})。",
    ),
    "import.db_changed": (
        "{field} “{value}”: the database changed after the file was checked; nothing was written. "
        "Import it again to check it against the current data.",
        "{field}“{value}”：文件检查后数据库已有改动，未写入任何数据。请重新导入，以便按当前数据检查。",
    ),
    "demo.not_whole": (
        "{field} “{value}” is not a whole number: give a number from {min} to {max}.",
        "{field}“{value}”不是整数：请填写 {min} 至 {max} 之间的整数。",
    ),
    "demo.range": (
        "{field} “{value}” is out of range: it must be from {min} to {max}.",
        "{field}“{value}”超出范围：必须在 {min} 至 {max} 之间。",
    ),
    "demo.too_many": (
        "{field} “{value}”: too many events in all ({detail}); a demo database holds at most {limit}.",
        "{field}“{value}”：事件总数过多({detail})；演示数据库最多 {limit} 个事件。",
    ),
    "demo.seed": (
        "{field} “{value}” is not a whole number: the seed must be an integer such as 2026.",
        "{field}“{value}”不是整数：随机种子必须是整数，例如 2026。",
    ),
    "demo.out_url": (
        "{field} “{value}”: demo data is written to a new SQLite file; give a file path, not a server URL.",
        "{field}“{value}”：演示数据写入新的 SQLite 文件；请给出文件路径，而不是服务器地址。",
    ),
    "demo.out_exists": (
        "{field} “{value}”: a file already exists there; mscreg will not overwrite it (add --force to replace it).",
        "{field}“{value}”：该位置已有文件，mscreg 不会覆盖(如需替换，请加 --force)。",
    ),
    "import.cancelled": (
        "{field} “{value}”: import cancelled; nothing was written.",
        "{field}“{value}”：导入已取消，未写入任何数据。",
    ),
    # opening, identity and checks
    "db.schema_unknown": (
        "{field} “{value}” holds mscreg's tables but no record of their schema version (the version table "
        "is empty or missing), so mscreg cannot tell which version made it or how to bring it up to date. "
        "Nothing was changed. Restore a backup (mscreg backup --list shows them), or open it with the "
        "mscreg that made it.",
        "{field}“{value}”包含 mscreg 的数据表，但没有记录其结构版本（版本表为空或缺失），因此 mscreg "
        "无法判断它由哪个版本创建、应如何升级。未作任何改动。请恢复备份（mscreg backup --list 可列出备份），"
        "或用创建它的 mscreg 打开。",
    ),
    "db.is_pipe": (
        "{field} “{value}” is a named pipe (FIFO), not a database file; mscreg opens only regular files. "
        "Nothing was read or changed.",
        "{field}“{value}”是命名管道（FIFO），不是数据库文件；mscreg 只打开普通文件。未读取或改动任何内容。",
    ),
    "db.is_device": (
        "{field} “{value}” is a device, not a database file; mscreg opens only regular files. Nothing was "
        "read or changed.",
        "{field}“{value}”是设备文件，不是数据库文件；mscreg 只打开普通文件。未读取或改动任何内容。",
    ),
    "db.is_special": (
        "{field} “{value}” is not a regular file (a socket or another special file), so it is not a "
        "database file; mscreg opens only regular files. Nothing was read or changed.",
        "{field}“{value}”不是普通文件（套接字或其他特殊文件），因此不是数据库文件；mscreg 只打开普通文件。"
        "未读取或改动任何内容。",
    ),
    "db.read_only_lock": (
        "{field} “{value}” is opened read-only because its lock file “{value}.lock” cannot be created "
        "({reason}). mscreg uses that file to keep a second window from changing the same database, and "
        "saves nothing without it: you can read, export and print. Ask for write access to the folder, "
        "or copy the file to a folder you can write to.",
        "{field}“{value}”以只读方式打开，因为无法创建其锁文件“{value}.lock”（{reason}）。mscreg "
        "用该文件防止另一个窗口同时修改同一数据库，没有它就不保存任何修改：可以查看、导出和打印。"
        "请申请该文件夹的写入权限，或将文件复制到可写入的文件夹。",
    ),
    "check.derived": (
        "{table} #{record} ({product}): {field} holds “{value}”, but the record's other columns give "
        "“{expected}”.",
        "{table} 第 {record} 条（{product}）：{field} 存为“{value}”，但按该记录其他列应为“{expected}”。",
    ),
    "product.ambiguous": (
        "{field} “{value}” names more than one product ({other}); a name or alias belongs to one product "
        "only, so a record was changed outside mscreg. Nothing was changed; run mscreg check to find it.",
        "{field}“{value}”对应多个产品（{other}）；每个名称或别名只属于一个产品，说明有记录在 mscreg "
        "之外被修改。未作任何改动；请运行 mscreg check 查找。",
    ),
    "clock.period_range": (
        "{field} “{value}” is out of range for rule {rule}: give a whole number from {min} to {max}.",
        "{field}“{value}”超出规则 {rule} 的范围：请填写 {min} 至 {max} 之间的整数。",
    ),
}

FIELD_NAMES_ZH: dict[str, str] = {
    "date": "日期", "jurisdiction": "国家/地区", "type": "事件类型", "name": "名称", "name_zh": "中文名",
    "inn": "国际非专利名", "aliases": "别名", "company": "公司", "company_zh": "公司中文名",
    "indication": "适应症", "pathway": "路径", "reason": "原因", "agency": "监管机构", "reference": "参考编号",
    "source": "来源", "confidence": "可信度", "note": "备注", "source_tissue": "组织来源",
    "donor_type": "供体类型", "modality": "产品类型", "product": "产品", "database": "数据库",
    "rule": "规则", "start": "起算日期", "as_of": "截至日期", "event": "事件", "track": "申报路径",
    "file": "文件", "out": "输出文件",
    "header": "列", "row": "行", "sheet": "工作表", "date_precision": "日期精度", "approximate": "近似日期",
    "attributes": "属性", "format": "格式", "field": "字段", "notes": "备注",
    "products": "产品数", "events-per-product": "每个产品的事件数", "seed": "随机种子", "end": "数据截止日期",
    "period": "期限",
}


def render_problem(problem: Problem, lang: str = "en") -> str:
    zh = lang.startswith("zh")
    template = MESSAGES.get(problem.code)
    if template is None:
        return f"{problem.field} “{problem.value}”: {problem.code} {dict(problem.params)}"
    params: dict[str, Any] = {k: _show(v, lang, problem.params) for k, v in problem.params.items()}
    params["field"] = FIELD_NAMES_ZH.get(problem.field, problem.field) if zh else problem.field
    params["value"] = problem.value
    try:
        return template[1 if zh else 0].format(**params)
    except (KeyError, IndexError):
        return template[1 if zh else 0] + f" ({params})"


def _show(value: Any, lang: str, all_params: Mapping[str, Any]) -> str:
    """Render a parameter: tracks by label, states and event types by their names in ``lang``."""
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.states import State, state_name
    from mscreg.domain.track import Track

    if isinstance(value, NoDate):
        return "日期不详" if lang.startswith("zh") else "with no date"
    if isinstance(value, Track):
        return value.label(lang)
    from mscreg.domain.event_types import Pathway

    if isinstance(value, Pathway):
        return {"clinical": ("clinical", "临床"), "marketing": ("marketing", "上市")}[value.value][
            1 if lang.startswith("zh") else 0]
    if isinstance(value, State):
        return state_name(value, str(all_params.get("jurisdiction", "")), lang)
    if isinstance(value, list):
        names = [_show(v, lang, all_params) for v in value]
        return ", ".join(names) if names else "—"
    if isinstance(value, str) and value in EVENT_TYPES:
        etype = EVENT_TYPES[value]
        return f"{etype.name(lang)} [{value}]"
    return str(value)


def user_language(explicit: str | None = None) -> str:
    """``zh_CN`` or ``en``: an explicit choice, else the locale from the environment."""
    if explicit:
        return "zh_CN" if explicit.lower().startswith("zh") else "en"
    for var in ("MSCREG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"
