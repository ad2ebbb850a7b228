"""The one catalogue of texts shown outside Qt widgets, in English and Simplified Chinese.

Every refusal the domain and services can raise, and every label, heading and sentence the command
line, reports, checks and exports write, is a code here rendered by :func:`render_problem` (refusals)
or :func:`text` (everything else).  Kept as a reviewed table rather than Qt translations because the
command line and the services must speak the user's language without importing Qt; widgets translate
with Qt Linguist instead.  The refusals are below; the other texts live in the parts of
:mod:`mscreg.domain.catalogue` and are merged into the same table.  Each refusal starts with the field
and the value, then says why, so a message read on its own (in a log, an import report) still makes sense.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from mscreg.domain import catalogue
from mscreg.domain.errors import Problem


class NoDate(str):
    """A date parameter for an event whose date is unknown: rendered "with no date" / "日期不详"."""


# code: (English, Chinese).  Parameters in {braces}; {field} and {value} are always available.
MESSAGES: dict[str, tuple[str, str]] = {
    "date.format": (
        "{field} “{value}” is not a date: write it as YYYY, YYYY-MM or YYYY-MM-DD (for example 2012, "
        "2024-07 or 2024-12-18). A planned date may also be a quarter (2027-Q2).",
        "{field}“{value}”不是有效日期：请按 YYYY、YYYY-MM 或 YYYY-MM-DD 格式填写（如 2012、2024-07、2024-12-18）。"
        "计划日期也可写作季度（如 2027-Q2）。",
    ),
    "date.year_range": (
        "{field} “{value}”: the year must be between {min} and {max}.",
        "{field}“{value}”：年份必须在 {min} 至 {max} 之间。",
    ),
    "date.month_range": (
        "{field} “{value}”: there is no month with that number (months are 01 to 12).",
        "{field}“{value}”：月份不存在（月份为 01 至 12）。",
    ),
    "date.day_range": (
        "{field} “{value}”: that month has only {last} days.",
        "{field}“{value}”：该月只有 {last} 天。",
    ),
    "date.need_day": (
        "{field} “{value}”: a full date to the day is needed here (YYYY-MM-DD).",
        "{field}“{value}”：此处需要精确到日的日期（YYYY-MM-DD）。",
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
        "{field}“{value}”：事件类型 {type} 没有此属性（可用属性：{valid}）。",
    ),
    "attribute.received_after": (
        "{field} “{value}”: the day the agency received it cannot be after the event itself ({date}).",
        "{field}“{value}”：药监机构收到申请的日期不能晚于该事件本身（{date}）。",
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
    "product.not_found": (
        "{field} “{value}”: no product has this name or alias.",
        "{field}“{value}”：没有产品使用此名称或别名。",
    ),
    "product.exists": (
        "{field} “{value}”: a product with this name or alias already exists ({other}).",
        "{field}“{value}”：已有产品使用此名称或别名（{other}）。",
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
    "track.no_match": (
        "{field} “{value}” matches none of product {product}'s {pathway} tracks in {jurisdiction} ({tracks}); "
        "the closest is “{closest}”. Give that indication exactly, or ask for a new track (--new-track).",
        "{field}“{value}”与产品 {product} 在 {jurisdiction} 的{pathway}路径均不一致（现有：{tracks}）；"
        "最接近的是“{closest}”。请准确填写该适应症，或明确要求新建路径（--new-track）。",
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
        "{field}必须说明修改原因（将记入审计追踪）。",
    ),
    "transition.not_allowed": (
        "Track {track}: event “{event}” ({date}) is not allowed when the track is “{state}”. "
        "Allowed next: {allowed}.",
        "申报路径 {track}：事件“{event}”（{date}）在状态“{state}”下不允许。可记录的下一事件：{allowed}。",
    ),
    "transition.never_authorised": (
        "Track {track}: event “{event}” ({date}) is refused: there is no authorisation to end — the "
        "track is “{state}” at that date.",
        "申报路径 {track}：事件“{event}”（{date}）被拒绝：该日期时尚无可撤销的上市许可，状态为“{state}”。",
    ),
    "transition.needs_ind": (
        "Track {track}: event “{event}” ({date}) is refused: it is requested on an IND or trial application "
        "(with it or later), and the track is “{state}” at that date. Record the IND first (“IND received by FDA” or "
        "“IND in effect”, with its date, or with no date known when the source gives none), then the designation.",
        "申报路径 {track}：事件“{event}”（{date}）被拒绝：该认定须基于 IND 或临床试验申请提出（随申请同时或之后），"
        "而该日期时路径状态为“{state}”。请先记录 IND（“FDA 收到 IND”或“IND 生效”，填写日期；来源未给出日期时可记为"
        "日期不详），再记录该认定。",
    ),
    "transition.implied_without_acceptance": (
        "Track {track}: implied permission (默示许可) ({date}) is refused: it can only follow the "
        "acceptance (受理) of the trial application, and the track is “{state}” at that date.",
        "申报路径 {track}：{date} 的默示许可被拒绝：默示许可只能在临床试验申请受理之后，该日期时状态为“{state}”。",
    ),
    "transition.order": (
        "Track {track}: event “{event}” ({date}) would come before “{after_event}” ({after_date}), "
        "which it must follow. Check the date (an imprecise date sorts by its earliest day).",
        "申报路径 {track}：事件“{event}”（{date}）将排在它必须在其后的“{after_event}”（{after_date}）之前。"
        "请检查日期（不精确的日期按其最早可能日期排序）。",
    ),
    "transition.breaks_later": (
        "Track {track}: this change to “{changed}” ({changed_date}) would leave the later event "
        "“{event}” ({date}) impossible in state “{state}”.",
        "申报路径 {track}：对“{changed}”（{changed_date}）的此项修改将使后续事件“{event}”（{date}）"
        "在状态“{state}”下不成立。",
    ),
    "transition.wrong_jurisdiction": (
        "Track {track}: event type “{event}” ({date}) does not exist in {jurisdiction} (it is used in: {where}).",
        "申报路径 {track}：事件类型“{event}”（{date}）不适用于 {jurisdiction}（适用于：{where}）。",
    ),
    "transition.wrong_pathway": (
        "Track {track}: event type “{event}” ({date}) does not belong on a {pathway} track.",
        "申报路径 {track}：事件类型“{event}”（{date}）不属于{pathway}路径。",
    ),
    "db.missing": (
        "{field} “{value}”: no database here. Create one with `{command}`.",
        "{field}“{value}”：此处没有数据库。请用 `{command}` 创建。",
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
        "{field}“{value}”不是 mscreg 数据库（{detail}）。",
    ),
    "db.damaged": (
        "{field} “{value}” is damaged: {detail}.",
        "{field}“{value}”已损坏：{detail}。",
    ),
    "db.newer": (
        "{field} “{value}” was written by a newer mscreg (schema {found}); this version knows up to "
        "{known}. Update mscreg; the file was not changed.",
        "{field}“{value}”由更新版本的 mscreg 写入（结构版本 {found}）；本版本最高支持 {known}。"
        "请升级 mscreg；文件未作改动。",
    ),
    "db.locked": (
        "{field} “{value}” is locked by another process (another mscreg window or command is writing to "
        "it); mscreg waited 5 seconds. Try again when it has finished; nothing was changed.",
        "{field}“{value}”被其他进程锁定（另一个 mscreg 窗口或命令正在写入）；已等待 5 秒。"
        "请在其完成后重试；未作任何改动。",
    ),
    "db.damaged_backup": (
        "{field} “{value}” is damaged: {detail}. The newest backup is {backup} (taken {taken} UTC); "
        "restore it with: mscreg restore \"{backup}\" --db \"{value}\". Nothing was changed.",
        "{field}“{value}”已损坏：{detail}。最新备份为 {backup}（UTC {taken}）；可用以下命令恢复："
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
        "{field}“{value}”以只读方式打开（{detail}）：可以查看、导出和打印，但无法保存修改。"
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
        "{field}“{value}”以只读方式打开，因为其所在文件夹不可写（SQLite 保存时需要在数据库旁创建文件）："
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
        "{field}“{value}”位于网络共享（{fs}）上。SQLite 官方文档指出网络文件系统上的文件锁不可靠，"
        "多人同时使用可能损坏文件。请将文件复制到本地磁盘，或通过 PostgreSQL 共享数据"
        "（--db postgresql+psycopg://用户@主机/数据库）。未打开任何文件。",
    ),
    "db.server_down": (
        "{field} “{value}”: cannot reach the PostgreSQL server at {host}:{port} ({detail}). Check that "
        "the server is running and the address is right, then try again.",
        "{field}“{value}”：无法连接 {host}:{port} 上的 PostgreSQL 服务器（{detail}）。"
        "请确认服务器正在运行且地址正确，然后重试。",
    ),
    "db.login_refused": (
        "{field} “{value}”: the PostgreSQL server refused the login of user {user} ({detail}). Check the "
        "user name and password (or ~/.pgpass).",
        "{field}“{value}”：PostgreSQL 服务器拒绝了用户 {user} 的登录（{detail}）。请检查用户名和密码（或 ~/.pgpass）。",
    ),
    "db.server_no_database": (
        "{field} “{value}”: the server has no database named {name}. Ask its administrator to create "
        "it, then run mscreg init --db with this address.",
        "{field}“{value}”：服务器上没有名为 {name} 的数据库。请管理员创建后，用 mscreg init --db 加此地址初始化。",
    ),
    "db.server_busy": (
        "{field} “{value}”: the server does not accept connections now ({detail}); try again later.",
        "{field}“{value}”：服务器目前不接受连接（{detail}）；请稍后重试。",
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
        "{field}“{value}”是 PostgreSQL 数据库：请在服务器上用 pg_dump 备份（mscreg 只备份和恢复 SQLite 文件）。",
    ),
    "backup.same_file": (
        "{field} “{value}” is the database itself; choose another file.",
        "{field}“{value}”就是数据库本身；请选择其他文件。",
    ),
    "restore.chain_broken": (
        "{field} “{value}” cannot be restored: its audit trail is broken ({detail}). Nothing was changed.",
        "{field}“{value}”无法恢复：其审计追踪已断裂（{detail}）。未作任何改动。",
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
        "{field}“{value}”：这是二进制文件，不是 CSV 文本（{detail}）。",
    ),
    "import.csv_malformed": (
        "{field}: the CSV is malformed or truncated ({detail}).",
        "{field}：CSV 格式错误或文件不完整（{detail}）。",
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
        "{field}“{value}”：此行与第 {other} 行重复（自然键相同）。",
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
        "{field}“{value}”：该申报路径在此日期已有相同类型的事件（参考编号“{found}”）；请在文件中使用该编号，"
        "或在 mscreg 中编辑该事件。",
    ),
    "import.precision_mismatch": (
        "{field} “{value}” does not match the date “{date}”, whose precision is {expected}.",
        "{field}“{value}”与日期“{date}”不符（该日期精度为 {expected}）。",
    ),
    "import.audit_file": (
        "{field}: this is an audit-trail export; the audit trail is a record and cannot be imported.",
        "{field}：这是审计追踪导出文件；审计追踪只作记录，不能导入。",
    ),
    "import.sheet_unknown": (
        "{field} “{value}” is not a sheet mscreg imports (sheets: {valid}).",
        "{field}“{value}”不是 mscreg 可导入的工作表（工作表：{valid}）。",
    ),
    "import.xlsx_damaged": (
        "{field}: not a readable XLSX workbook ({detail}).",
        "{field}：不是可读取的 XLSX 工作簿（{detail}）。",
    ),
    "import.xlsx_bomb": (
        "{field} “{value}” refused as a zip or XML bomb: it unpacks to more than {limit} bytes or at a "
        "compression ratio above {expected}, or its XML declares entities.",
        "{field}“{value}”疑为压缩炸弹或 XML 炸弹，已拒绝：解压后超过 {limit} 字节或压缩比高于 {expected}，"
        "或其 XML 声明了实体。",
    ),
    "import.json_invalid": (
        "{field} “{value}”: not valid JSON ({detail}).",
        "{field}“{value}”：不是有效的 JSON（{detail}）。",
    ),
    "import.json_shape": (
        "{field} “{value}”: expected {expected} here.",
        "{field}“{value}”：此处应为 {expected}。",
    ),
    "import.json_format": (
        "{field} “{value}”: not an mscreg export this version can read (expected {expected}).",
        "{field}“{value}”：不是本版本可读取的 mscreg 导出文件（应为 {expected}）。",
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
        "{field}“{value}”：事件总数过多（{detail}）；演示数据库最多 {limit} 个事件。",
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
        "{field}“{value}”：该位置已有文件，mscreg 不会覆盖（如需替换，请加 --force）。",
    ),
    # --- outputs never destroy data (exports, audit trail, calendars, backups, timelines, demo data) ---
    "output.is_database": (
        "{field} “{value}” is the database in use ({where}); writing there would destroy it. "
        "Choose another file name; nothing was written.",
        "{field}“{value}”就是正在使用的数据库（{where}），写入会将其损毁。请另选文件名；未写入任何内容。",
    ),
    "output.database_companion": (
        "{field} “{value}” is one of the working files SQLite and mscreg keep beside the database {where} "
        "(its -wal, -shm, -journal or .lock file); writing there would damage the database. Choose another "
        "file name; nothing was written.",
        "{field}“{value}”是 SQLite 和 mscreg 在数据库 {where} 旁保存的工作文件之一"
        "（-wal、-shm、-journal 或 .lock 文件），写入会损坏数据库。请另选文件名；未写入任何内容。",
    ),
    "output.in_backups": (
        "{field} “{value}” is inside the database's backup folder {where}, which mscreg manages (it deletes "
        "the oldest backups and restores from them). Choose a file elsewhere; nothing was written.",
        "{field}“{value}”位于数据库的备份文件夹 {where} 中，该文件夹由 mscreg 管理（会删除最旧的备份并从中恢复）。"
        "请选择其他位置；未写入任何内容。",
    ),
    "output.anchor_proof": (
        "{field} “{value}” is one of the files that prove the audit trail was not tampered with ({where}); "
        "writing there would destroy that proof. Choose another file name; nothing was written.",
        "{field}“{value}”是证明审计追踪未被篡改的文件之一（{where}）；写入会毁掉这一证明。请另选文件名；"
        "未写入任何内容。",
    ),
    "output.sqlite_exists": (
        "{field} “{value}” is an existing SQLite database; mscreg never overwrites a database file, even "
        "with --force. Choose another file name, or move that file away first; nothing was written.",
        "{field}“{value}”是一个已有的 SQLite 数据库；mscreg 从不覆盖数据库文件，即使加了 --force 也不会。"
        "请另选文件名，或先将该文件移走；未写入任何内容。",
    ),
    "output.not_regular": (
        "{field} “{value}” is not a file mscreg can write (it is a folder, a device, a pipe, a socket or a "
        "link to nothing); give the name of a file. Nothing was written.",
        "{field}“{value}”不是 mscreg 可以写入的文件（它是文件夹、设备、管道、套接字或指向不存在目标的链接）；"
        "请给出文件名。未写入任何内容。",
    ),
    "output.unchecked": (
        "{field} “{value}”: a file exists there that mscreg cannot read, so it cannot tell whether it is a "
        "database; it was not overwritten. Choose another file name.",
        "{field}“{value}”：该位置已有一个 mscreg 无法读取的文件，无法判断它是否为数据库，因此未覆盖。请另选文件名。",
    ),
    "output.folder_missing": (
        "{field} “{value}”: cannot write there: no file can be created in that folder (it does not exist, "
        "or it is a system folder such as /proc). Nothing was written.",
        "{field}“{value}”：无法写入该位置：该文件夹中不能创建文件（文件夹不存在，或是 /proc 之类的系统文件夹）。"
        "未写入任何内容。",
    ),
    "output.denied": (
        "{field} “{value}”: cannot write there: no permission to write in that folder (or the file is "
        "protected). Choose a folder you can write to; nothing was written.",
        "{field}“{value}”：无法写入该位置：没有该文件夹的写入权限（或文件受保护）。请选择可写入的文件夹；"
        "未写入任何内容。",
    ),
    "output.read_only_fs": (
        "{field} “{value}”: cannot write there: the disk is mounted read-only. Choose another folder; "
        "nothing was written.",
        "{field}“{value}”：无法写入该位置：该磁盘以只读方式挂载。请选择其他文件夹；未写入任何内容。",
    ),
    "output.no_space": (
        "{field} “{value}”: cannot write there: the disk is full (or your quota is used up). Free some "
        "space or choose another disk; nothing was written.",
        "{field}“{value}”：无法写入该位置：磁盘已满（或配额已用完）。请释放空间或选择其他磁盘；未写入任何内容。",
    ),
    "output.failed": (
        "{field} “{value}”: cannot write there ({reason}); nothing was written.",
        "{field}“{value}”：无法写入该位置（{reason}）；未写入任何内容。",
    ),
    "backup.folder_unwritable": (
        "{field} “{value}”: cannot back it up into {where}: that folder cannot be created or written (no "
        "permission, or a read-only disk). The database is not damaged. Write the copy to a folder you "
        "can write to with --out FILE.",
        "{field}“{value}”：无法备份到 {where}：该文件夹无法创建或写入（没有权限，或磁盘只读）。数据库本身"
        "没有损坏。请用 --out 文件 将副本写到可写入的文件夹。",
    ),
    "backup.no_space": (
        "{field} “{value}”: cannot back it up into {where}: the disk is full. The database is not "
        "damaged; free some space, or write the copy elsewhere with --out FILE.",
        "{field}“{value}”：无法备份到 {where}：磁盘已满。数据库本身没有损坏；请释放空间，或用 --out 文件 "
        "将副本写到其他位置。",
    ),
    "db.folder_unwritable": (
        "{field} “{value}”: cannot create a database there: its folder cannot be written (no permission, "
        "or a read-only disk). Choose a folder you can write to; nothing was created.",
        "{field}“{value}”：无法在此创建数据库：其所在文件夹不可写（没有权限，或磁盘只读）。"
        "请选择可写入的文件夹；未创建任何文件。",
    ),
    # import: text encodings and JSON hazards (services/exchange: text_encoding, json_document)
    "import.encoding_not_chinese": (
        "{field}: the file is not UTF-8, and read as Chinese (GB18030/GBK) it would say “{value}”, which is not "
        "plainly Chinese text, so its encoding is unknown. "
        "mscreg reads UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and GB18030/GBK "
        "when the text is plainly Chinese; it never guesses another encoding. In Excel use File > Save As > "
        "“CSV UTF-8 (Comma delimited)” and import that file, or name the encoding (command line: --encoding NAME, "
        "for example --encoding cp949).",
        "{field}：文件不是 UTF-8；按中文（GB18030/GBK）读取会得到“{value}”，不是明确的中文文本，因此无法确定其编码。"
        "mscreg 可读取 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16，以及明确为中文的 GB18030/GBK 文本，不会猜测其他编码。"
        "请在 Excel 中选择“文件 > 另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入该文件；或指定编码"
        "（命令行：--encoding 编码名，例如 --encoding cp949）。",
    ),
    "import.encoding_invalid": (
        "{field} “{value}”: the file is neither UTF-8 nor GB18030/GBK text from this byte on. "
        "mscreg reads UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and GB18030/GBK "
        "when the text is plainly Chinese; it never guesses another encoding. In Excel use File > Save As > "
        "“CSV UTF-8 (Comma delimited)” and import that file, or name the encoding (command line: --encoding NAME, "
        "for example --encoding cp949).",
        "{field}“{value}”：文件从该字节起既不是 UTF-8 也不是 GB18030/GBK 文本。"
        "mscreg 可读取 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16，以及明确为中文的 GB18030/GBK 文本，不会猜测其他编码。"
        "请在 Excel 中选择“文件 > 另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入该文件；或指定编码"
        "（命令行：--encoding 编码名，例如 --encoding cp949）。",
    ),
    "import.encoding_bom": (
        "{field} “{value}”: the file starts with a {expected} byte-order mark but is not valid {expected} from "
        "this byte on. "
        "mscreg reads UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and GB18030/GBK "
        "when the text is plainly Chinese; it never guesses another encoding. In Excel use File > Save As > "
        "“CSV UTF-8 (Comma delimited)” and import that file, or name the encoding (command line: --encoding NAME, "
        "for example --encoding cp949).",
        "{field}“{value}”：文件以 {expected} 字节顺序标记（BOM）开头，但从该字节起不是有效的 {expected}。"
        "mscreg 可读取 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16，以及明确为中文的 GB18030/GBK 文本，不会猜测其他编码。"
        "请在 Excel 中选择“文件 > 另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入该文件；或指定编码"
        "（命令行：--encoding 编码名，例如 --encoding cp949）。",
    ),
    "import.encoding_escape": (
        "{field} “{value}”: the file holds escape or shift codes, as ISO-2022-JP, -KR or -CN text (old e-mail "
        "encodings) does; it is not plain UTF-8 text. "
        "mscreg reads UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and GB18030/GBK "
        "when the text is plainly Chinese; it never guesses another encoding. In Excel use File > Save As > "
        "“CSV UTF-8 (Comma delimited)” and import that file, or name the encoding (command line: --encoding NAME, "
        "for example --encoding cp949).",
        "{field}“{value}”：文件含有转义或换码控制字符，这是 ISO-2022-JP、-KR 或 -CN（旧式电子邮件编码）文本的特征，"
        "不是普通的 UTF-8 文本。"
        "mscreg 可读取 UTF-8（带或不带 BOM）、带 BOM 的 UTF-16，以及明确为中文的 GB18030/GBK 文本，不会猜测其他编码。"
        "请在 Excel 中选择“文件 > 另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入该文件；或指定编码"
        "（命令行：--encoding 编码名，例如 --encoding cp949）。",
    ),
    "import.encoding_stated": (
        "{field} “{value}”: the file is not valid {expected} text from this byte on ({expected} is the encoding "
        "named for it). Check the name, or save the file as “CSV UTF-8” in Excel and import it without one.",
        "{field}“{value}”：文件从该字节起不是有效的 {expected} 文本（{expected} 是为其指定的编码）。请检查编码名称，"
        "或在 Excel 中另存为“CSV UTF-8”后不指定编码重新导入。",
    ),
    "import.encoding_name": (
        "{field} “{value}” is not a text encoding mscreg knows; use a name such as utf-8, utf-16, gb18030, big5, "
        "cp949, euc-jp, shift_jis, cp1251 or cp1252.",
        "{field}“{value}”不是 mscreg 认识的文本编码；请使用 utf-8、utf-16、gb18030、big5、cp949、euc-jp、"
        "shift_jis、cp1251 或 cp1252 等名称。",
    ),
    "import.encoding_csv_only": (
        "{field} “{value}”: an encoding can be named for CSV files only; {expected} files state their own.",
        "{field}“{value}”：只有 CSV 文件可以指定编码；{expected} 文件自带编码。",
    ),
    "import.json_encoding": (
        "{field} “{value}”: a JSON file must be UTF-8, and this one is not valid UTF-8 from this byte on.",
        "{field}“{value}”：JSON 文件必须是 UTF-8，而此文件从该字节起不是有效的 UTF-8。",
    ),
    "import.json_too_deep": (
        "{field}: the JSON nests too deeply to be read (an mscreg export nests eight levels).",
        "{field}：JSON 嵌套层数过多，无法读取（mscreg 导出文件只嵌套八层）。",
    ),
    "import.json_number": (
        "{field} “{value}”: a number with {length} digits; no field of an mscreg file holds a number that long.",
        "{field}“{value}”：数字有 {length} 位；mscreg 文件中没有任何字段包含这么长的数字。",
    ),
    "import.json_duplicate_key": (
        "{field} “{value}” appears twice in the same object; keys must be unique, and mscreg will not choose "
        "one of the two values.",
        "{field}“{value}”在同一对象中出现了两次；键必须唯一，mscreg 不会在两个值中任选其一。",
    ),
    "import.json_key_missing": (
        "{field} “{value}” is missing here; these keys are required: {valid}. Other keys may be left out, and "
        "then keep their recorded values.",
        "此处缺少{field}“{value}”；必需的键：{valid}。其他键可以省略，省略时保留已记录的值。",
    ),
    "import.json_not_text": (
        "{field} “{value}”: expected a text in quotes (or null) here.",
        "{field}“{value}”：此处应为带引号的文本（或 null）。",
    ),
    "import.json_not_list": (
        "{field} “{value}”: expected a list of texts in quotes (or null) here.",
        "{field}“{value}”：此处应为由带引号的文本组成的列表（或 null）。",
    ),
    "import.json_not_flag": (
        "{field} “{value}”: expected true or false here.",
        "{field}“{value}”：此处应为 true 或 false。",
    ),
    "import.json_not_map": (
        "{field} “{value}”: expected an object whose values are texts in quotes (or null) here.",
        "{field}“{value}”：此处应为值均为带引号文本的对象（或 null）。",
    ),
    "import.text_surrogate": (
        "{field} “{value}”: the text holds a lone surrogate (half of a \\uD800-\\uDFFF pair), which is not a "
        "character and cannot be stored; correct the text in the file.",
        "{field}“{value}”：文本含有孤立的代理码位（\\uD800-\\uDFFF 对中的一半），不是有效字符，无法保存；"
        "请更正文件中的文本。",
    ),
    # PostgreSQL under contention and database addresses mscreg cannot use
    "db.url_unsupported": (
        "{field} “{value}”: mscreg cannot store its data in “{scheme}”. Give the path of an SQLite file "
        "(or sqlite:///PATH), or a PostgreSQL address: postgresql+psycopg://USER@HOST/DATABASE "
        "(postgresql:// and postgres:// are read the same way). Nothing was opened.",
        "{field}“{value}”：mscreg 无法将数据存放在“{scheme}”中。请给出 SQLite 文件的路径（或 sqlite:///路径），"
        "或 PostgreSQL 地址：postgresql+psycopg://用户@主机/数据库（postgresql:// 和 postgres:// 同样可用）。"
        "未打开任何数据库。",
    ),
    "db.url_memory": (
        "{field} “{value}” is an in-memory database, which keeps nothing once mscreg stops. Give the path "
        "of an SQLite file (or sqlite:///PATH). Nothing was opened.",
        "{field}“{value}”是内存数据库，mscreg 退出后不会保留任何数据。请给出 SQLite 文件的路径"
        "（或 sqlite:///路径）。未打开任何数据库。",
    ),
    "db.driver_missing": (
        "{field} “{value}”: connecting to PostgreSQL needs the psycopg driver, which is not installed "
        "({detail}). Install it with: pip install \"mscreg[postgresql]\". Nothing was opened.",
        "{field}“{value}”：连接 PostgreSQL 需要 psycopg 驱动，但尚未安装（{detail}）。"
        "请用以下命令安装：pip install \"mscreg[postgresql]\"。未打开任何数据库。",
    ),
    "db.no_privilege": (
        "{field} “{value}”: the PostgreSQL login {user} lacks the rights mscreg needs on this database "
        "({detail}). Ask the database's owner to grant {user} the right to connect and to read and write "
        "mscreg's tables (and to create them, for mscreg init), or use a login that has them. Nothing "
        "was changed.",
        "{field}“{value}”：PostgreSQL 登录用户 {user} 对该数据库缺少 mscreg 所需的权限（{detail}）。"
        "请数据库所有者为 {user} 授予连接数据库、读写 mscreg 数据表（执行 mscreg init 时还需建表）的权限，"
        "或改用具备这些权限的登录用户。未作任何改动。",
    ),
    "db.server_writer_busy": (
        "{field} “{value}”: another mscreg user has been saving to this database for more than {seconds} "
        "seconds (a large import, or a program holding a transaction open). Nothing was changed; try "
        "again when it has finished.",
        "{field}“{value}”：另一位 mscreg 用户向该数据库保存数据已超过 {seconds} 秒（可能是大批量导入，"
        "或某程序长时间占用事务）。未作任何改动；请在其完成后重试。",
    ),
    "db.write_collided": (
        "{field} “{value}”: another program saved a conflicting change at the same moment (attempts: "
        "{attempts}; {detail}). Nothing was changed; try again.",
        "{field}“{value}”：另一程序在同一时刻保存了与此冲突的修改（尝试次数：{attempts}；{detail}）。"
        "未作任何改动；请重试。",
    ),
    # audit anchors, and restores checked against them and audited
    "anchor.key_invalid": (
        "{field} “{value}” is not an mscreg signing key: it must hold {digits} hexadecimal digits and nothing "
        "else. Nothing was signed or checked with it.",
        "{field}“{value}”不是 mscreg 签名密钥：其中只能有 {digits} 位十六进制数字。未用它签名或验证任何内容。",
    ),
    "anchor.key_absent": (
        "{field} “{value}” is signed with key {key_id}, but there is no signing key at {key}, so its "
        "signature cannot be checked. Name the key it was signed with: --key FILE.",
        "{field}“{value}”由密钥 {key_id} 签名，但 {key} 处没有签名密钥，无法验证其签名。"
        "请用 --key FILE 指定签名所用的密钥。",
    ),
    "anchor.other_key": (
        "{field} “{value}” was signed with key {key_id}, not with the key at {key} ({found}), so its "
        "signature cannot be checked with it. Name the key it was signed with: --key FILE.",
        "{field}“{value}”由密钥 {key_id} 签名，而不是 {key} 处的密钥（{found}），无法用它验证签名。"
        "请用 --key FILE 指定签名所用的密钥。",
    ),
    "anchor.bad_signature": (
        "{field} “{value}” does not match its signature: it was altered after it was signed (or is "
        "damaged), so it proves nothing.",
        "{field}“{value}”与其签名不符：签名后被改动过（或已损坏），不能证明任何事。",
    ),
    "anchor.contradicts": (
        "{field} “{value}” (row {row}, made {made}): the audit trail's row {row} is not the one anchored "
        "(hash {found}… where the anchor has {expected}…): rows up to {row} were changed after the "
        "anchor was made, and the chain recomputed over the change.",
        "{field}“{value}”（第 {row} 条记录，{made} 生成）：审计追踪的第 {row} 条记录不是锚定的那条"
        "（哈希值 {found}…，锚点记录为 {expected}…）：锚点生成后，第 {row} 条及之前的记录被改动过，"
        "并且哈希链被重新计算。",
    ),
    "anchor.ends_before": (
        "{field} “{value}” (row {row}, made {made}): the audit trail ends at row {tail}, before the "
        "anchored row {row}: {missing} {missing|row|rows} that existed when the anchor was made "
        "{missing|is|are} gone (a change was removed together with its audit row).",
        "{field}“{value}”（第 {row} 条记录，{made} 生成）：审计追踪止于第 {tail} 条记录，早于锚定的第 {row} "
        "条：锚点生成时已有的 {missing} 条记录不见了（有修改连同其审计记录一起被删除）。",
    ),
    "anchor.other_database": (
        "{field} “{value}” (row {row}, made {made}): the audit trail does not begin as the anchored one "
        "did (its first row differs): this is another database, or its whole trail was rewritten.",
        "{field}“{value}”（第 {row} 条记录，{made} 生成）：审计追踪的开头与锚定的不同（第一条记录不同）："
        "这是另一个数据库，或其整个审计追踪被重写过。",
    ),
    "anchor.copy_appended": (
        "{field} “{value}” (row {row}, made {made}): the copy goes on for {extra} {extra|row|rows} after the row "
        "anchored when it was made: rows were added to the copy afterwards.",
        "{field}“{value}”（第 {row} 条记录，{made} 生成）：副本在生成时锚定的记录之后还有 {extra} 条记录："
        "副本生成后被添加了记录。",
    ),
    "anchor.out_exists": (
        "{field} “{value}”: a file that is not an mscreg anchor is already there; mscreg will not "
        "overwrite it.",
        "{field}“{value}”：该位置已有一个不是 mscreg 锚点的文件，mscreg 不会覆盖它。",
    ),
    "anchor.write_failed": (
        "{field} “{value}” cannot be written: {detail}.",
        "{field}“{value}”无法写入：{detail}。",
    ),
    "anchor.trail_unsound": (
        "{field} “{value}”: no anchor was made, because the audit trail does not verify ({detail}); an "
        "anchor now would vouch for it.",
        "{field}“{value}”：未生成锚点，因为审计追踪未通过验证（{detail}）；此时生成锚点等于为其担保。",
    ),
    "anchor.refused_history": (
        "{field} “{value}”: no anchor was made, because the audit trail does not extend the anchors "
        "recorded for this database on this computer (below). If the database was replaced on purpose, "
        "restore the file you want with `mscreg restore FILE --force`, which records the replacement in "
        "the audit trail.",
        "{field}“{value}”：未生成锚点，因为审计追踪未延续本机为此数据库记录的锚点（见下）。"
        "如果数据库是有意替换的，请用 `mscreg restore FILE --force` 恢复所需的文件，替换将记入审计追踪。",
    ),
    "restore.contradicts": (
        "{field} “{value}” was not restored: it contradicts what was anchored (below). Restoring it would "
        "bring back an audit trail that differs from the one anchored. If you are sure, run the restore "
        "again with --force: the restore is then recorded in the audit trail with these findings. "
        "Nothing was changed.",
        "{field}“{value}”未恢复：它与已锚定的内容相矛盾（见下）。恢复它会带回一个与锚定内容不同的审计追踪。"
        "如确有把握，请加 --force 重新恢复：恢复操作及以上发现将记入审计追踪。未作任何改动。",
    ),
    "restore.failed": (
        "{field} “{value}”: the restored copy could not be written ({detail}); the database was not changed.",
        "{field}“{value}”：无法写入恢复的副本（{detail}）；数据库未作改动。",
    ),
    # packaging: the data set a new database is loaded with (shipped inside the package, or MSCREG_SEED)
    "seed.missing": (
        "{field} “{value}”: the data set for a new database cannot be read (the file is missing or unreadable); "
        "nothing was created. Reinstall mscreg, or correct MSCREG_SEED if it names this file.",
        "{field}“{value}”：无法读取新数据库所用的数据集（文件不存在或不可读），未创建任何内容。"
        "请重新安装 mscreg；如 MSCREG_SEED 指向此文件，请更正。",
    ),
    "seed.not_json": (
        "{field} “{value}”: the data set for a new database is not valid UTF-8 JSON (the file is damaged); "
        "nothing was created. Reinstall mscreg, or correct MSCREG_SEED if it names this file.",
        "{field}“{value}”：新数据库所用的数据集不是有效的 UTF-8 JSON（文件已损坏），未创建任何内容。"
        "请重新安装 mscreg；如 MSCREG_SEED 指向此文件，请更正。",
    ),
    "seed.format": (
        "{field} “{value}” is not an mscreg data set of format version 1; nothing was created.",
        "{field}“{value}”不是格式版本 1 的 mscreg 数据集，未创建任何内容。",
    ),
    # a main window that composes: naming a track on the command line (edit-track, delete-track)
    "track.id_format": (
        "{field} “{value}” is not a track number: give the whole number shown as the track's id by "
        "`mscreg products --json`.",
        "{field}“{value}”不是申报路径编号：请填写 `mscreg products --json` 所示申报路径的 id（整数）。",
    ),
    "track.id_unknown": (
        "{field} “{value}”: no track has this number; the numbers are the tracks' ids in `mscreg products --json`.",
        "{field}“{value}”：没有此编号的申报路径；编号即 `mscreg products --json` 中各申报路径的 id。",
    ),
    "track.which": (
        "{field}: say which track, either with --track ID or with --product and --jurisdiction (adding "
        "--indication or --pathway when the product has several tracks there), not both.",
        "{field}：请指明申报路径：用 --track 编号，或用 --product 和 --jurisdiction"
        "（该产品在此有多条申报路径时再加 --indication 或 --pathway），二者选其一。",
    ),
    "track.select_not_change": (
        "{field} “{value}”: with --track, {option} is not needed to find the track, and it does not change it; "
        "to give the track this {field}, use {new}.",
        "{field}“{value}”：已用 --track 指明申报路径，无需 {option}，且 {option} 不会修改申报路径；"
        "如要把该申报路径的{field}改为此值，请用 {new}。",
    ),
    "track.which_of": (
        "{field} “{value}”: product {product} has several tracks in {jurisdiction}; say which with "
        "--indication and --pathway: {tracks}.",
        "{field}“{value}”：产品 {product} 在 {jurisdiction} 有多条申报路径，请用 --indication 和 --pathway "
        "指明：{tracks}。",
    ),
    "track.edit_nothing": (
        "{field} “{value}”: say what to change with --new-jurisdiction, --new-indication or --new-pathway.",
        "{field}“{value}”：请用 --new-jurisdiction、--new-indication 或 --new-pathway 说明要修改的内容。",
    ),
    # XLSX bombs and error floods: Excel's own bounds, the import's row limit, the capped error report
    "import.too_many_rows": (
        "{field} “{value}”: more than {limit} rows to import; mscreg reads at most {limit} rows from one file "
        "(all sheets together). Split the file and import the parts one after another.",
        "{field}“{value}”：待导入的行超过 {limit} 行；mscreg 每个文件最多读取 {limit} 行（各工作表合计）。"
        "请拆分文件，再依次导入各部分。",
    ),
    "import.too_much_text": (
        "{field} “{value}”: more than {limit} characters of text to import; mscreg reads at most {limit} "
        "characters from one file (all sheets together). Split the file and import the parts one after another.",
        "{field}“{value}”：待导入的文本超过 {limit} 个字符；mscreg 每个文件最多读取 {limit} 个字符（各工作表合计）。"
        "请拆分文件，再依次导入各部分。",
    ),
    "import.not_listed": (
        "{field}: {value} more {value|error|errors} not listed; the report lists the first {limit}. Correct those and "
        "check the file again to see the rest.",
        "{field}：另有 {value} 个错误未列出；报告只列出前 {limit} 个。请先更正这些错误，再重新检查文件以查看其余错误。",
    ),
    "import.xlsx_row_number": (
        "{field} number “{value}” is outside a sheet (rows 1 to {limit}, Excel's limit): the file was not "
        "saved by a spreadsheet program, or it is damaged.",
        "{field}号“{value}”超出工作表范围（第 1 至 {limit} 行，Excel 的上限）：此文件不是由电子表格软件保存的，"
        "或已损坏。",
    ),
    "import.xlsx_row_order": (
        "{field} {value} is stored after row {other}: rows must be stored in increasing order, each once; "
        "the file is damaged.",
        "第 {value} {field}存放在第 {other} 行之后：各行必须按递增顺序存放且不重复；文件已损坏。",
    ),
    "import.xlsx_cell_ref": (
        "{field} “{value}” is not a cell of row {where}: a cell is named by its column (A to XFD, at most "
        "{limit} columns, Excel's limit) and its own row's number; the file is damaged.",
        "{field}“{value}”不是第 {where} 行的单元格：单元格由列（A 至 XFD，最多 {limit} 列，Excel 的上限）"
        "和所在行号命名；文件已损坏。",
    ),
    "import.xlsx_cell_order": (
        "{field} “{value}” is stored after column {other} of the same row: cells must be stored left to "
        "right, each once; the file is damaged.",
        "{field}“{value}”存放在同一行的 {other} 列之后：单元格必须从左到右存放且不重复；文件已损坏。",
    ),
    "import.xlsx_cell_long": (
        "{field} “{value}” holds more than {limit} characters, more than Excel allows in one cell.",
        "{field}“{value}”超过 {limit} 个字符，超出 Excel 单个单元格的上限。",
    ),
    "import.xlsx_row_long": (
        "{field} {value} holds more than {limit} characters in all, more than any row mscreg imports.",
        "第 {value} {field}共超过 {limit} 个字符，超出 mscreg 可导入的任何一行。",
    ),
    "import.xlsx_shared_long": (
        "{field} “{value}”: shared text number {found} holds more than {limit} characters, more than Excel "
        "allows in one cell.",
        "{field}“{value}”：第 {found} 号共享文本超过 {limit} 个字符，超出 Excel 单个单元格的上限。",
    ),
    "import.xlsx_string_index": (
        "{field} “{value}” refers to shared text number {found}, but the workbook holds only {limit}; "
        "the file is damaged.",
        "{field}“{value}”引用第 {found} 号共享文本，但工作簿只有 {limit} 个；文件已损坏。",
    ),
    "import.xlsx_shared_strings": (
        "{field} “{value}”: the workbook's table of shared texts holds more than {limit} entries or "
        "{length} characters, more than a file mscreg can import.",
        "{field}“{value}”：工作簿的共享文本表超过 {limit} 项或 {length} 个字符，超出 mscreg 可导入的文件。",
    ),
    "import.xlsx_part": (
        "{field} “{value}”: the workbook names this part, but it is missing or is not a worksheet; the "
        "file is damaged.",
        "{field}“{value}”：工作簿列出了此部分，但它缺失或不是工作表；文件已损坏。",
    ),
    "import.xlsx_tag_long": (
        "{field} “{value}” holds an XML tag longer than {limit} bytes; no workbook needs one, and reading it "
        "would take as much memory as the file.",
        "{field}“{value}”含有长度超过 {limit} 字节的 XML 标记；工作簿不需要这样的标记，读取它会占用与文件相当的内存。",
    ),
    "import.xlsx_xml": (
        "{field} “{value}” is not well-formed XML (line {where}); the file is damaged.",
        "{field}“{value}”不是格式正确的 XML（第 {where} 行）；文件已损坏。",
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
    # what changed between two days
    "changes.until_before_since": (
        "{field} “{value}”: the end of the period cannot be before its start ({since}).",
        "{field}“{value}”：期间的结束日期不能早于开始日期（{since}）。",
    ),
    "changes.out_format": (
        "{field} “{value}”: the report can be written as .pdf, .csv or .xlsx.",
        "{field}“{value}”：报告可写为 .pdf、.csv 或 .xlsx 文件。",
    ),
    # regulatory model: quarter and planned dates, obligations, holders, designations, renewals
    "date.quarter_range": (
        "{field} “{value}”: there is no quarter with that number (a year has quarters Q1 to Q4).",
        "{field}“{value}”：季度不存在（每年只有 Q1 至 Q4 四个季度）。",
    ),
    "event.quarter_actual": (
        "{field} “{value}”: only a planned event may be dated by quarter. If it has happened, give the year "
        "({year}), the month or the day the source gives; if it is a plan, record it as planned (--planned).",
        "{field}“{value}”：只有计划事件可以按季度记日期。如已发生，请填写来源给出的年份（{year}）、月份或日期；"
        "如为计划，请记录为计划事件（--planned）。",
    ),
    "event.future_actual": (
        "{field} “{value}”: {event} cannot have happened yet (today is {today}). Correct the date if it was "
        "mistyped, or record it as planned (--planned; “Planned” in the event dialog). Nothing was saved.",
        "{field}“{value}”：{event}尚未发生（今天是 {today}）。如日期输入有误请更正，或将其记录为计划事件"
        "（--planned；事件对话框中的“计划”）。未保存任何内容。",
    ),
    "event.not_planned": (
        "{field} “{value}”: this event ({date}) is already recorded as having happened; only a planned event "
        "can be marked as happened.",
        "{field}“{value}”：该事件（{date}）已记录为已发生；只有计划事件才能标记为已发生。",
    ),
    "attribute.received_before": (
        "{field} “{value}”: the agency cannot have received it before {previous} ({previous_date}), which "
        "it acknowledges; one of the two dates is mistyped.",
        "{field}“{value}”：药监机构收到申请的日期不能早于其所对应的{previous}（{previous_date}）；两个日期之一有误。",
    ),
    "transition.designation_not_held": (
        "{field} “{value}”: track {track} does not hold the designation “{designation}” on {date}, so it cannot "
        "be withdrawn. Record the designation first, or name the one the track holds (attribute designation).",
        "{field}“{value}”：申报路径 {track} 在 {date} 并未持有“{designation}”认定，因此无法撤销。请先记录该认定，"
        "或填写该路径实际持有的认定（属性 designation）。",
    ),
    "transition.designation_after_approval": (
        "{field} “{value}”: {event} ({date}) cannot be recorded on track {track}: the track is “{state}” at "
        "that date, and the designation serves a product still in development. A new indication is a track "
        "of its own: record the designation there (--new-track).",
        "{field}“{value}”：{event}（{date}）不能记录在申报路径 {track} 上：该路径在该日期为“{state}”，而该认定"
        "只适用于仍在研发中的产品。新适应症属于另一条申报路径：请在该路径上记录（--new-track）。",
    ),
    "transition.renewal_after_term": (
        "{field} “{value}”: on track {track}, {event} ({date}) comes after the term it would renew had ended "
        "({due}; {basis}). "
        "Only an authorisation in force can be renewed: record that it ended (“Authorisation expired”), and "
        "the new consent as a new application on a new track (--new-track).",
        "{field}“{value}”：申报路径 {track} 上的{event}（{date}）晚于其所续期的有效期届满日（{due}；{basis}）。"
        "只有仍有效的许可才能续期："
        "请记录许可已到期失效（“上市许可到期失效”），并将新的许可作为新申请记录在新的申报路径上（--new-track）。",
    ),
    "transition.renewal_after_term_no_application": (
        "{field} “{value}”: on track {track}, {event} ({date}) comes after the term it would renew had ended "
        "({due}; {basis}), "
        "and no renewal application is recorded before that end. An authorisation stays valid after its term "
        "only while a renewal applied for in time is decided: record that application (“Renewal / "
        "re-registration application submitted”) with its date, or record that the authorisation expired.",
        "{field}“{value}”：申报路径 {track} 上的{event}（{date}）晚于其所续期的有效期届满日（{due}；{basis}），"
        "且届满前未记录续期申请。"
        "只有在期限内提出的续期申请待审期间，许可才在届满后继续有效：请记录该续期申请（“提交续期/再注册申请”）"
        "及其日期，或记录许可已到期失效。",
    ),
    "obligation.rule_range": (
        "{field} “{value}”: give a whole number of {unit} from 1 to {max}.",
        "{field}“{value}”：请填写 1 至 {max} 之间的整数（{unit}）。",
    ),
    "obligation.rule_format": (
        "{field} “{value}” is not a due rule: write the time from the authorisation as a number and a unit, "
        "for example “5 years” or “18 months”.",
        "{field}“{value}”不是有效的期限规则：请以数字加单位填写自批准起的期限，如“5 years”或“18 months”。",
    ),
    "obligation.text_required": (
        "{field} is empty: say what the obligation requires, in English or Chinese.",
        "{field}为空：请用英文或中文说明该义务的内容。",
    ),
    "obligation.due_twice": (
        "{field} “{value}”: the obligation already has a due date ({due}); give either a date or a rule, "
        "not both.",
        "{field}“{value}”：该义务已有到期日（{due}）；到期日和期限规则只能填写其一。",
    ),
    "obligation.new_due_not_extension": (
        "{field} “{value}”: only an extension carries a new due date, not “{type}”.",
        "{field}“{value}”：只有延期事件才能填写新的到期日，“{type}”不能。",
    ),
    "obligation.extension_needs_due": (
        "{field} is empty: an extension needs the new due date the agency granted.",
        "{field}为空：延期事件需要填写监管机构批准的新到期日。",
    ),
    "obligation.authorisation_missing": (
        "{field} “{value}”: no such event on track {track}; an obligation belongs to an authorisation "
        "recorded on its track.",
        "{field}“{value}”：申报路径 {track} 上没有该事件；义务必须属于该路径上已记录的批准。",
    ),
    "obligation.not_authorisation": (
        "{field} “{value}”: {event} ({date}) is not an authorisation that happened, so it imposes no "
        "obligations. Name the approval or the decision that set the condition ({valid}).",
        "{field}“{value}”：{event}（{date}）不是已发生的批准，不会附带义务。请指定设定该条件的批准或决定（{valid}）。",
    ),
    "obligation.before_authorisation": (
        "{field} “{value}”: the obligation cannot be {type} before the authorisation that imposed it "
        "({event}, {date}).",
        "{field}“{value}”：该义务的“{type}”事件不能早于设定该义务的批准（{event}，{date}）。",
    ),
    "obligation.after_closed": (
        "{field} “{value}” ({date}): the obligation was already closed ({closed}, {closed_date}); nothing "
        "can follow. Correct the dates, or delete the closing event if it was recorded by mistake.",
        "{field}“{value}”（{date}）：该义务已于 {closed_date} 结束（{closed}），其后不能再有事件。请更正日期，"
        "或删除误记的结束事件。",
    ),
    "obligation.extension_not_later": (
        "{field} “{value}”: an extension must move the due date later than {due}.",
        "{field}“{value}”：延期后的到期日必须晚于 {due}。",
    ),
    "obligation.kind.confirmatory_trial": ("Confirmatory trial", "确证性临床试验"),
    "obligation.kind.use_results_survey": ("Use-results survey", "使用成绩调查"),
    "obligation.kind.specific_obligation": ("Specific obligation", "特定义务"),
    "obligation.kind.pmr": ("Post-marketing requirement (PMR)", "上市后要求（PMR）"),
    "obligation.kind.pmc": ("Post-marketing commitment (PMC)", "上市后承诺（PMC）"),
    "obligation.kind.undertaking": ("Undertaking", "承诺书事项"),
    "obligation.kind.re_examination": ("Re-examination", "再审查"),
    "obligation.kind.periodic_report": ("Periodic report", "定期报告"),
    "obligation.kind.other": ("Other obligation", "其他义务"),
    "obligation.status.open": ("Open", "进行中"),
    "obligation.status.due-soon": ("Due soon", "即将到期"),
    "obligation.status.overdue": ("Overdue", "已逾期"),
    "obligation.status.submitted": ("Submitted", "已提交"),
    "obligation.status.fulfilled": ("Fulfilled", "已完成"),
    "obligation.status.released": ("Released", "已解除"),
    "obligation.late": ("late", "逾期提交"),
    "holder.role.holder": ("Marketing-authorisation holder", "上市许可持有人"),
    "holder.role.licensee": ("Licensee", "被许可方"),
    "holder.nobody": (
        "{field} is empty: a transfer needs the company it goes to, the one it comes from, or both.",
        "{field}为空：转让至少需要填写受让方或转让方之一。",
    ),
    "holder.same_party": (
        "{field} “{value}”: a transfer goes from one company to another, not to the same one.",
        "{field}“{value}”：转让须在不同公司之间进行，不能转给同一公司。",
    ),
    "holder.needs_holder": (
        "{field} is empty: a marketing authorisation always has a holder; an authorisation that ended is "
        "recorded as an event of its track.",
        "{field}为空：上市许可始终有持有人；许可终止请作为申报路径事件记录。",
    ),
    "holder.transfer_needs_date": (
        "{field} is empty: a transfer from {party} needs its date (the year is enough); only the first "
        "holder may have no date.",
        "{field}为空：从 {party} 的转让需要填写日期（填年份即可）；只有首个持有人可以不填日期。",
    ),
    "holder.from_mismatch": (
        "{field} “{value}”: on {date} the holder or licensees recorded in {jurisdiction} are: {holder}; so the "
        "transfer cannot come from “{value}”. Record the earlier transfer first, or correct the company or the "
        "date.",
        "{field}“{value}”：{date} 时 {jurisdiction} 记录的持有人或被许可方为：{holder}；因此转让方不能是“{value}”。"
        "请先记录更早的"
        "转让，或更正公司或日期。",
    ),
    "holder.conflict": (
        "{field} “{value}”: {party} is recorded as handing over to both {other} ({other_date}) and {to} in "
        "{jurisdiction} at dates that may be the same day; one of the two is wrong.",
        "{field}“{value}”：{jurisdiction} 记录了 {party} 在可能为同一天的日期分别转让给 {other}（{other_date}）和 "
        "{to}；两者之一有误。",
    ),
    "holder.order_unclear": (
        "{field} “{value}”: the transfer from {party} to {to} and the one to {other} ({other_date}) in "
        "{jurisdiction} cannot be put in order by their dates. Give a more precise date for one of them.",
        "{field}“{value}”：{jurisdiction} 从 {party} 转让给 {to} 与转让给 {other}（{other_date}）的日期无法确定先后。"
        "请为其中之一填写更精确的日期。",
    ),
    "event_type.designation_prime.name": ("PRIME eligibility granted", "纳入 PRIME 优先药物计划"),
    "event_type.designation_withdrawn.name": ("Designation withdrawn / rescinded", "认定撤销"),
    "designation.chip.orphan": ("Orphan {jurisdiction}", "孤儿药 {jurisdiction}"),
    "designation.chip.rmat": ("RMAT", "RMAT 认定"),
    "designation.chip.breakthrough": ("Breakthrough {jurisdiction}", "突破性治疗 {jurisdiction}"),
    "designation.chip.fast_track": ("Fast Track", "快速通道"),
    "designation.chip.prime": ("PRIME", "PRIME 计划"),
    "designation.chip.sakigake": ("SAKIGAKE", "先驱审评（SAKIGAKE）"),
    "designation.chip.priority": ("Priority review {jurisdiction}", "优先审评 {jurisdiction}"),
    # ----- clinical trials, their import, published figures and the landscape -----------------------------
    "trial.id_format": (
        "{field} “{value}” is not a {name} identifier: it is written like {expected}.",
        "{field}“{value}”不是 {name} 的登记号：其格式如 {expected}。",
    ),
    "trial.id_other": (
        "{field} “{value}”: an identifier holds no spaces or control characters.",
        "{field}“{value}”：登记号中不能有空格或控制字符。",
    ),
    "trial.enrolment_range": (
        "{field} “{value}” is not a number of participants: give a whole number from 0 to {max}.",
        "{field}“{value}”不是受试者人数：请填写 0 至 {max} 之间的整数。",
    ),
    "trial.not_list": (
        "{field} “{value}” is not a list of texts.",
        "{field}“{value}”不是文本列表。",
    ),
    "trial.list_too_long": (
        "{field}: {value} entries, at most {limit}.",
        "{field}：共 {value} 项，最多 {limit} 项。",
    ),
    "trial.phase_na_mixed": (
        "{field} “{value}”: “not applicable” (NA) cannot be combined with a phase.",
        "{field}“{value}”：“不适用”（NA）不能与其他分期同时出现。",
    ),
    "trial.not_date": (
        "{field} “{value}” is not a date of the trial.",
        "{field}“{value}”不是试验日期。",
    ),
    "trial.not_flag": (
        "{field} “{value}” is neither true nor false.",
        "{field}“{value}”既不是“是”也不是“否”。",
    ),
    "trials.file_shape": (
        "{field} “{value}”: not a ClinicalTrials.gov file: expected one study, or an object whose “studies” "
        "lists them.",
        "{field}“{value}”：不是 ClinicalTrials.gov 文件：应为单个研究，或以“studies”列出各研究的对象。",
    ),
    "trials.study_shape": (
        "{field} “{value}”: a study is an object.",
        "{field}“{value}”：每项研究应为一个对象。",
    ),
    "trials.field_missing": (
        "{field}: study {value} has no {name}, which every study needs.",
        "{field}：研究 {value} 缺少 {name}，每项研究都必须有此项。",
    ),
    "trials.wrong_text": (
        "{field}: study {found}, {name} holds “{value}”: expected a text.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为文本。",
    ),
    "trials.wrong_texts": (
        "{field}: study {found}, {name} holds “{value}”: expected a list of texts.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为文本列表。",
    ),
    "trials.wrong_date": (
        "{field}: study {found}, {name} holds “{value}”: expected a date written YYYY, YYYY-MM or YYYY-MM-DD.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为按 YYYY、YYYY-MM 或 YYYY-MM-DD 书写的日期。",
    ),
    "trials.wrong_date_struct": (
        "{field}: study {found}, {name} holds “{value}”: expected an object with a date and its type "
        "(ACTUAL or ESTIMATED).",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为含日期及其类型（ACTUAL 或 ESTIMATED）的对象。",
    ),
    "trials.wrong_choice": (
        "{field}: study {found}, {name} holds “{value}”: expected one of {valid}.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为以下之一：{valid}。",
    ),
    "trials.wrong_choices": (
        "{field}: study {found}, {name} holds “{value}”: expected a list of {valid}.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为由以下各项组成的列表：{valid}。",
    ),
    "trials.wrong_count": (
        "{field}: study {found}, {name} holds “{value}”: expected a whole number of participants from 0 to 100000000.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为0 至 100000000 之间的受试者人数（整数）。",
    ),
    "trials.wrong_enrolment_struct": (
        "{field}: study {found}, {name} holds “{value}”: expected an object with a count and its type "
        "(ACTUAL or ESTIMATED).",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为含人数及其类型（ACTUAL 或 ESTIMATED）的对象。",
    ),
    "trials.wrong_flag": (
        "{field}: study {found}, {name} holds “{value}”: expected true or false.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为true 或 false。",
    ),
    "trials.wrong_interventions": (
        "{field}: study {found}, {name} holds “{value}”: expected a list of interventions, each with a type "
        "and a name.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为干预措施列表，每项含类型和名称。",
    ),
    "trials.wrong_locations": (
        "{field}: study {found}, {name} holds “{value}”: expected a list of locations, each with a country text.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为地点列表，每项含国家文本。",
    ),
    "trials.wrong_list": (
        "{field}: study {found}, {name} holds “{value}”: expected a list.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为列表。",
    ),
    "trials.wrong_object": (
        "{field}: study {found}, {name} holds “{value}”: expected an object.",
        "{field}：研究 {found} 的 {name} 为“{value}”，应为对象。",
    ),
    "trials.duplicate": (
        "{field}: study {value} appears more than once in the file (again at {found}).",
        "{field}：研究 {value} 在文件中出现了不止一次（重复于 {found}）。",
    ),
    "trials.too_many": (
        "{field}: {value} studies, at most {limit} in one file; split the file.",
        "{field}：共 {value} 项研究，一个文件最多 {limit} 项；请拆分文件。",
    ),
    "trials.too_large": (
        "{field}: {value} bytes, at most {limit} in one file; split the file.",
        "{field}：共 {value} 字节，一个文件最多 {limit} 字节；请拆分文件。",
    ),
    "trials.header_missing": (
        "{field}: the file has no column “{value}”, which the {name} layout needs (it has: {found}).",
        "{field}：文件缺少 {name} 格式必需的列“{value}”（现有列：{found}）。",
    ),
    "trials.layout_unknown": (
        "{field} “{value}”: not a layout mscreg reads; known layouts: {valid}.",
        "{field}“{value}”：不是 mscreg 可读取的格式；已知格式：{valid}。",
    ),
    "trials.no_studies": (
        "{field}: the file holds no study.",
        "{field}：文件中没有任何研究。",
    ),
    "figures.invalid": (
        "{field} “{value}”: {detail}",
        "{field}“{value}”：{detail}",
    ),
    "landscape.published": ("published", "已发表"),
    "landscape.computed": ("in this database", "本数据库"),
    "landscape.difference": ("difference", "差值"),
    "landscape.not_computed": ("not computed from the records", "无法从记录中计算"),
    "landscape.total": ("total", "合计"),
    "landscape.no_phase": ("no phase stated", "未注明分期"),
    "landscape.not_stated": ("not stated", "未注明"),
    "landscape.count": ("count", "数量"),
    "landscape.held": ("held", "已收录"),
    "landscape.figure_heading": (
        "{name} — {found} (as of {date}). Query: {detail}",
        "{name} — {found}（截至 {date}）。检索条件：{detail}",
    ),
    "landscape.column_published": ("{name} (published)", "{name}（已发表）"),
    "landscape.column_computed": ("{name} (in this database)", "{name}（本数据库）"),
    "landscape.row": ("row", "行"),
    "trials.plan_create": ("new: {name} {value} — {detail}", "新增：{name} {value} — {detail}"),
    "trials.plan_update": ("changed: {name} {value}", "修改：{name} {value}"),
    "trials.plan_field": ("    {field}: “{found}” → “{expected}”", "    {field}：“{found}” → “{expected}”"),
    "trials.plan_summary": (
        "{found} new, {expected} changed, {detail} unchanged.",
        "新增 {found} 项，修改 {expected} 项，未变 {detail} 项。",
    ),
    # one catalogue: refusals that were raised without a text
    "calendar.file": (
        "{field} “{value}” is not a usable working-day calendar: {detail}.",
        "{field}“{value}”不是可用的工作日日历：{detail}。",
    ),
    # timelines: chart labels, page furniture, slides (rendered with text(code, lang, **params))
    "timeline.out_kind": (
        "{field} “{value}”: the file name must end in .pdf, .png, .svg or .pptx.",
        "{field}“{value}”：文件名必须以 .pdf、.png、.svg 或 .pptx 结尾。",
    ),
    "timeline.pptx_missing": (
        "{field} “{value}”: slides need the python-pptx package, which is not installed.",
        "{field}“{value}”：生成幻灯片需要 python-pptx 软件包，但尚未安装。",
    ),
    # command line: finding things (search, types, jurisdictions, deadlines, delete-event), refusals as JSON
    "product.several": (
        "{field} “{value}” matches {count} products: {candidates}. Give more of the name, or the full name.",
        "{field}“{value}”与 {count} 个产品相符：{candidates}。请写出更多名称，或写出全名。",
    ),
    "product.no_match": (
        "{field} “{value}”: no product has this name, alias or pinyin, and no product's name contains it.",
        "{field}“{value}”：没有产品使用此名称、别名或拼音，也没有产品名称包含它。",
    ),
    "product.no_match_close": (
        "{field} “{value}”: no product has this name, alias or pinyin, and no product's name contains it. "
        "Closest: {close}.",
        "{field}“{value}”：没有产品使用此名称、别名或拼音，也没有产品名称包含它。最接近的是：{close}。",
    ),
    "option.required": (
        "Required and not given: {field} (see {command} --help).",
        "缺少必需的选项：{field}（见 {command} --help）。",
    ),
    "option.usage": (
        "{field}: {value} (see {command} --help).",
        "命令行选项 {field} 有误：{value}（见 {command} --help）。",
    ),
    "command_line.usage": (
        "{value} (see {command} --help).",
        "命令行有误：{value}（见 {command} --help）。",
    ),
    # argparse's own refusals, in the reader's language (its words are English only)
    "option.invalid_choice": (
        "{field}: “{value}” is not one of {choices} (see {command} --help).",
        "命令行选项 {field} 的取值“{value}”无效，可选：{choices}（见 {command} --help）。",
    ),
    "option.needs_value": (
        "{field} needs a value (see {command} --help).",
        "命令行选项 {field} 需要一个取值（见 {command} --help）。",
    ),
    "option.invalid_value": (
        "{field}: “{value}” is not a valid value (see {command} --help).",
        "命令行选项 {field} 的取值“{value}”无效（见 {command} --help）。",
    ),
    "command_line.unrecognized": (
        "Not understood: {value} (see {command} --help).",
        "无法识别的参数：{value}（见 {command} --help）。",
    ),
    "clock.start_missing": (
        "{field} is missing: rule {rule} counts from a start date; give it as --start YYYY, YYYY-MM or "
        "YYYY-MM-DD.",
        "缺少 {field}：规则 {rule} 从起算日期开始计算；请用 --start 给出 YYYY、YYYY-MM 或 YYYY-MM-DD 格式的日期。",
    ),
    "as_of.empty": (
        "{field} is empty: give a day (YYYY-MM-DD), a month (YYYY-MM: its last day) or a year (YYYY: "
        "31 December), or leave the option out for today.",
        "{field} 为空：请给出日期（YYYY-MM-DD）、月份（YYYY-MM：该月最后一天）或年份（YYYY：12 月 31 日），"
        "或不写此选项表示今天。",
    ),
    "as_of.format": (
        "{field} “{value}” is not a date: give a day (YYYY-MM-DD), a month (YYYY-MM: its last day) or a "
        "year (YYYY: 31 December), for example 2026-06-30, 2026-06 or 2026.",
        "{field}“{value}”不是日期：请给出日期（YYYY-MM-DD）、月份（YYYY-MM：该月最后一天）或年份"
        "（YYYY：12 月 31 日），如 2026-06-30、2026-06 或 2026。",
    ),
    "events.none": (
        "No events match {filters}.",
        "没有符合条件的事件：{filters}。",
    ),
    "events.none_at_all": (
        "No events are recorded yet.",
        "尚未记录任何事件。",
    ),
    "search.none": (
        "No product matches “{value}”.",
        "没有与“{value}”相符的产品。",
    ),
    "search.none_close": (
        "No product matches “{value}”. Closest: {close}.",
        "没有与“{value}”相符的产品。最接近的是：{close}。",
    ),
    "search.tracks": ("tracks: {tracks}", "申报路径：{tracks}"),
    "search.no_tracks": ("no track yet", "尚无申报路径"),
    "types.only": ("only in {codes}", "仅限 {codes}"),
    "types.none": (
        "No event type fits {filters}.",
        "没有符合条件的事件类型：{filters}。",
    ),
    "deadline.upcoming": ("upcoming", "未到期"),
    "deadline.due-soon": ("due soon", "即将到期"),
    "deadline.overdue": ("overdue", "已逾期"),
    "deadline.met": ("met", "已满足"),
    "deadline.missed": ("missed", "已错过"),
    "deadline.stopped": ("stopped", "已终止"),
    "deadline.review": ("to review", "待核查"),
    "deadline.provisional": (
        " (provisional: a year's holiday schedule is not yet published; weekends only)",
        "（暂定：所涉年份尚未公布法定节假日安排，仅按周末计算）",
    ),
    "deadline.settled_by": (" ← {event}, {date}", " ← {event}，{date}"),
    "deadline.none": (
        "No open deadlines as of {day}. Clocks met, missed or stopped are not shown; --all shows them.",
        "截至 {day} 没有未到期的时限。已满足、已错过或已终止的时限未列出；--all 可全部列出。",
    ),
    "deadline.hidden": (
        "{count} clocks met, missed or stopped are not shown; --all shows them.",
        "另有 {count} 个已满足、已错过或已终止的时限未列出；--all 可全部列出。",
    ),
    "event.id_format": (
        "{field} “{value}” is not an event number: give the event's id, a whole number above 0 (the “id” "
        "of events --json).",
        "{field}“{value}”不是事件编号：请给出事件的 id，即大于 0 的整数（events --json 中的“id”）。",
    ),
    "event.deleted": (
        "Deleted event #{id} ({event}, {date}) from {track}; the track is now “{state}”.",
        "已从 {track} 删除事件 #{id}（{event}，{date}）；该申报路径现为“{state}”。",
    ),
    "display.none": (
        "mscreg cannot open its window: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Start it in a desktop session or with a forwarded display (ssh -X), or set QT_QPA_PLATFORM=offscreen "
        "to run the window without showing it (for --quit-after-first-paint and tests). The commands "
        "(mscreg --help) work without a display.",
        "mscreg 无法打开窗口：没有可用的显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置）。请在桌面会话中"
        "或通过转发的显示（ssh -X）启动，或设置 QT_QPA_PLATFORM=offscreen 在不显示窗口的情况下运行"
        "（用于 --quit-after-first-paint 和测试）。命令行命令（mscreg --help）无需显示器即可使用。",
    ),
    "anchor.unsigned_with_key": (
        "{field} “{value}” is not signed, although a signing key exists ({key}, key {key_id}): mscreg signs "
        "every anchor it makes where a key exists, so anyone who can write that file could have forged it "
        "or stripped its signature. It proves nothing.",
        "{field}“{value}”未签名，但存在签名密钥（{key}，密钥 {key_id}）：只要有密钥，mscreg 生成的每个锚点"
        "都会签名，因此任何能写入该文件的人都可能伪造了它或去掉了其签名。它不能证明任何事。",
    ),
    "text.control_char": (
        "{field} “{value}” contains the control character {char}, which is not text. A character from "
        "U+0080 to U+009F usually means UTF-8 or Windows-1252 text read as Latin-1: state the file's real "
        "encoding (for example --encoding utf-8 or --encoding cp1252).",
        "{field}“{value}”包含控制字符 {char}，它不是文本。U+0080 至 U+009F 的字符通常表示 UTF-8 或 "
        "Windows-1252 文本被当作 Latin-1 读取：请指明文件的实际编码（如 --encoding utf-8 或 --encoding cp1252）。",
    ),
    "text.control_char_c0": (
        "{field} “{value}” contains the control character {char} (shown as <{char}>), which is not text: remove it.",
        "{field}“{value}”包含控制字符 {char}（显示为 <{char}>），它不是文本：请删除。",
    ),
    # landscape page, report and commands
    "landscape.heading": ("MSC trials, applications and approvals beside published figures",
                          "间充质干细胞试验、申请与批准：本数据库与已发表数据对照"),
    "landscape.stamp": ("Counts from the database {database} as of {date}; printed on {day}.",
                        "数据库 {database} 截至 {date} 的计数；打印于 {day}。"),
    "landscape.filtered": ("Filtered: {detail}", "筛选：{detail}"),
    "landscape.counted": ("{count} trial registrations and {found} tracks counted.",
                          "计入 {count} 条试验登记、{found} 条申报路径。"),
    "landscape.section_figures": ("Published figures beside this database", "已发表数据与本数据库对照"),
    "landscape.section_tables": ("Counts from this database", "本数据库计数"),
    "landscape.table.phase_status": ("Trials by phase and status", "试验（按分期和状态）"),
    "landscape.table.year": ("Trials by year of registration", "试验（按登记年份）"),
    "landscape.table.country": ("Trials by country", "试验（按国家/地区）"),
    "landscape.table.condition": ("Trials by condition", "试验（按疾病/适应症）"),
    "landscape.table.tissue": ("Trials by tissue source of the linked product", "试验（按所关联产品的组织来源）"),
    "landscape.table.cn_accepted": ("China clinical-trial applications accepted, by year and tissue source",
                                    "中国临床试验申请受理（按年份和组织来源）"),
    "landscape.table.cn_permitted": ("China implied permissions, by year and tissue source",
                                     "中国临床试验默示许可（按年份和组织来源）"),
    "landscape.table.approvals": ("Marketing approvals by year of first approval and country",
                                  "上市批准（按首次批准年份和国家/地区）"),
    "landscape.none_held": ("None held.", "无记录。"),
    "landscape.year": ("year", "年份"),
    "landscape.phase": ("phase", "分期"),
    "landscape.country": ("country", "国家/地区"),
    "landscape.condition": ("condition", "疾病/适应症"),
    "landscape.tissue": ("tissue source", "组织来源"),
    "landscape.accepted": ("accepted", "受理数"),
    "landscape.permitted": ("implied permissions", "默示许可数"),
    "landscape.not_applicable": ("not applicable", "不适用"),
    "landscape.wrote": ("Wrote {file}.", "已写入 {file}。"),
    "landscape.out_format": (
        "{field} “{value}”: the report is written as FILE.pdf, FILE.png, FILE.csv or FILE.xlsx.",
        "{field}“{value}”：报告可写为 FILE.pdf、FILE.png、FILE.csv 或 FILE.xlsx。",
    ),
    "landscape.sheet.figures": ("Published figures", "已发表数据"),
    "landscape.sheet.counts": ("Counts", "计数"),
    "landscape.figure_source": ("Source: {detail}", "来源：{detail}"),
    "landscape.figure_query": ("Query: {detail}", "检索条件：{detail}"),
    "landscape.figure_as_of": ("As of {date}", "截至 {date}"),
    "landscape.figure_question": ("Compared with: {detail}", "对照计数：{detail}"),
    "landscape.figure_unanswerable": ("The records cannot answer this question; shown for reference.",
                                      "记录无法回答此问题；仅供参考。"),
    "landscape.page": ("Page {page} of {count}", "第 {page} 页，共 {count} 页"),
    "landscape.phase.EARLY_PHASE1": ("Early phase I", "早期 I 期"),
    "landscape.phase.EARLY_PHASE1+PHASE1": ("Early phase I/phase I", "早期 I 期/I 期"),
    "landscape.phase.PHASE1": ("Phase I", "I 期"),
    "landscape.phase.PHASE1+PHASE2": ("Phase I/II", "I/II 期"),
    "landscape.phase.PHASE2": ("Phase II", "II 期"),
    "landscape.phase.PHASE2+PHASE3": ("Phase II/III", "II/III 期"),
    "landscape.phase.PHASE3": ("Phase III", "III 期"),
    "landscape.phase.PHASE4": ("Phase IV", "IV 期"),
    "landscape.phase.NA": ("not applicable", "不适用"),
    "landscape.status.NOT_YET_RECRUITING": ("not yet recruiting", "尚未招募"),
    "landscape.status.RECRUITING": ("recruiting", "招募中"),
    "landscape.status.ENROLLING_BY_INVITATION": ("enrolling by invitation", "邀请入组"),
    "landscape.status.ACTIVE_NOT_RECRUITING": ("active, not recruiting", "进行中（不再招募）"),
    "landscape.status.SUSPENDED": ("suspended", "暂停"),
    "landscape.status.TERMINATED": ("terminated", "终止"),
    "landscape.status.COMPLETED": ("completed", "已完成"),
    "landscape.status.WITHDRAWN": ("withdrawn", "撤回"),
    "landscape.status.UNKNOWN": ("unknown status", "状态不明"),
    "landscape.status.AVAILABLE": ("available (expanded access)", "可用（扩展使用）"),
    "landscape.status.NO_LONGER_AVAILABLE": ("no longer available", "不再可用"),
    "landscape.status.TEMPORARILY_NOT_AVAILABLE": ("temporarily not available", "暂不可用"),
    "landscape.status.APPROVED_FOR_MARKETING": ("approved for marketing", "已获批上市"),
    "landscape.status.WITHHELD": ("withheld", "未公开"),
    # obligations: storage, command line, exchange
    "track.has_obligations": (
        "{field} “{value}” still has obligations: {obligations}. Delete them first, each with its own reason, "
        "so the audit trail shows what was removed and why.",
        "{field}“{value}”仍有上市后义务：{obligations}。请先逐一删除这些义务并分别说明原因，以便审计追踪记录删除了什么及其原因。",
    ),
    "event.has_obligations": (
        "{field} “{value}” imposed obligations that are still recorded: {obligations}. Delete them first, each "
        "with its own reason, or the authorisation's conditions would be lost with it.",
        "{field}“{value}”所附加的上市后义务仍有记录：{obligations}。请先逐一删除这些义务并分别说明原因，"
        "否则该许可的附加条件将随之丢失。",
    ),
    "obligation.not_authorisation_type": (
        "{field} “{value}” is not an event that imposes obligations; give one of: {valid}.",
        "{field}“{value}”不是会附带义务的事件；请填写以下之一：{valid}。",
    ),
    "obligation.authorisation_type_missing": (
        "{field} “{value}”: track {track} has no such authorisation recorded as having happened. Record it "
        "first, or name the authorising event by its number (--authorisation, the id in `mscreg events --json`).",
        "{field}“{value}”：申报路径 {track} 上没有已发生的此类批准。请先记录该批准，或按编号指定批准事件"
        "（--authorisation，即 `mscreg events --json` 中的 id）。",
    ),
    "obligation.authorisation_which": (
        "{field} “{value}”: the track has several such events ({events}); name the one that imposed the "
        "obligation by its number (--authorisation).",
        "{field}“{value}”：该申报路径上有多个此类事件（{events}）；请按编号指定附加该义务的事件（--authorisation）。",
    ),
    "obligation.authorisation_which_option": (
        "{field}: name the authorisation either by its event number (--authorisation) or by its type "
        "(--authorisation-type), not both and not neither.",
        "{field}：请按事件编号（--authorisation）或按类型（--authorisation-type）之一指定批准，二者不可同时使用，也不可都不填。",
    ),
    "obligation.authorisation_elsewhere": (
        "{field} “{value}”: that event is on track {track}, not on the product and jurisdiction given.",
        "{field}“{value}”：该事件属于申报路径 {track}，与所填的产品和国家/地区不符。",
    ),
    "obligation.track_needed": (
        "{field} is missing: with --authorisation-type, give the product (--product) and the jurisdiction "
        "(--jurisdiction) whose marketing track holds the authorisation.",
        "缺少{field}：使用 --authorisation-type 时，请填写产品（--product）和国家/地区（--jurisdiction），"
        "以确定该批准所在的上市申报路径。",
    ),
    "obligation.future_step": (
        "{field} “{value}”: this step cannot have happened yet (today is {today}). Correct the date if it "
        "was mistyped; nothing was saved.",
        "{field}“{value}”：该进展尚未发生（今天是 {today}）。如日期输入有误请更正；未保存任何内容。",
    ),
    "obligations.due_unknown": ("not known", "不详"),
    "obligations.due_by_rule": (
        "{due} ({rule} from {event}, {date})",
        "{due}（{event}，{date} 起 {rule}）",
    ),
    "obligations.line": (
        "#{id}  {track} — {kind}: {text}\n    due {due} — {status} — owner {owner} — imposed by {event} ({date})",
        "#{id}  {track} — {kind}：{text}\n    到期 {due} — {status} — 负责人 {owner} — 由 {event}（{date}）附加",
    ),
    "obligations.owner_unknown": ("not named", "未指定"),
    "obligations.open_at_conversion": (
        "    still open at {event} ({date})",
        "    {event}（{date}）时仍未完成",
    ),
    "obligations.deleted": ("Deleted obligation #{id} ({kind}).", "已删除上市后义务 #{id}（{kind}）。"),
    "obligation.id_format": (
        "{field} “{value}” is not a record number: give the number shown in `mscreg obligations --json` or "
        "`mscreg events --json` (a whole number above zero).",
        "{field}“{value}”不是记录编号：请填写 `mscreg obligations --json` 或 `mscreg events --json` "
        "中显示的编号（大于零的整数）。",
    ),
    "obligations.rule.years": ("{count} {count|year|years}", "{count} 年"),
    "obligations.rule.months": ("{count} {count|month|months}", "{count} 个月"),
    "import.obligation_track_missing": (
        "{field} “{value}”: no such track in the database or in the file; an obligation belongs to a track "
        "recorded with its authorisation.",
        "{field}“{value}”：数据库和文件中均无此申报路径；义务必须属于已记录其批准的申报路径。",
    ),
    "import.obligation_authorisation_missing": (
        "{field} “{value}”: the track has no such authorisation (type and date) that happened, recorded in the "
        "database or in the file; name the event that imposed the obligation ({valid}).",
        "{field}“{value}”：该申报路径上（数据库或文件中）没有已发生的此类批准（类型和日期）；请填写附加该义务的事件（{valid}）。",
    ),
    "import.obligation_rows_differ": (
        "{field} “{value}”: row {row} gives the same obligation with another value; the rows of one obligation "
        "(one per step) must agree.",
        "{field}“{value}”：第 {row} 行给出了同一义务的不同值；同一义务的各行（每个进展一行）必须一致。",
    ),
    "obligations.exported_beside": (
        "The obligations are in {file}; import it after the file above.",
        "上市后义务已导出至 {file}；请在导入上述文件之后再导入该文件。",
    ),
    "obligation.duplicate": (
        "{field} “{value}”: this authorisation already has this obligation (#{id}, the same kind and text). "
        "Record its progress on it (obligation-event), or say what distinguishes the new one in its text.",
        "{field}“{value}”：该批准已有此义务（#{id}，类型和内容相同）。请在其上记录进展（obligation-event），"
        "或在内容中写明新义务的区别。",
    ),
    "obligations.none": ("No obligations recorded.", "未记录上市后义务。"),
    "obligations.added": ("Recorded obligation #{id}:", "已记录上市后义务 #{id}："),
    "obligations.step_added": (
        "Recorded {type} ({date}) on obligation #{id}; as of {as_of} it is: {status}.",
        "已为上市后义务 #{id} 记录 {type}（{date}）；截至 {as_of}，其状态为：{status}。",
    ),
    "obligation.has_events": (
        "{field} “{value}” has recorded steps (submitted, fulfilled, released, extended). Delete them first, "
        "each with its own reason.",
        "{field}“{value}”已有记录的进展（提交、完成、解除、延期）。请先逐一删除并分别说明原因。",
    ),
    # planned and actual events: import, command line, calendar
    "import.future_actual": (
        "{field} “{value}”: {event} cannot have happened yet (today is {today}). Correct the date if it was "
        "mistyped, or mark the row as a plan (column planned = true).",
        "{field}“{value}”：{event}尚未发生（今天是 {today}）。如日期输入有误请更正，或将该行标为计划事件"
        "（planned 列填 true）。",
    ),
    "import.quarter_actual": (
        "{field} “{value}”: only a planned event may be dated by quarter. If it has happened, give the year "
        "({year}), the month or the day the source gives; if it is a plan, set the column planned to true.",
        "{field}“{value}”：只有计划事件可以按季度记日期。如已发生，请填写来源给出的年份（{year}）、月份或日期；"
        "如为计划，请在 planned 列填 true。",
    ),
    "planned.recorded": (
        "Recorded planned event #{event} on {track}: {type} planned for {date}. A plan does not change the "
        "track's state (still “{state}”).",
        "已记录计划事件 #{event}：{track}，{type}，计划于 {date}。计划事件不改变申报路径的状态（仍为“{state}”）。",
    ),
    "planned.marked": (
        "Event #{event} on {track} has happened: {type} on {date} (was planned for {other_date}); the track is now "
        "“{state}”.",
        "事件 #{event}（{track}）已发生：{type}，日期 {date}（原计划 {other_date}）；申报路径现为“{state}”。",
    ),
    "planned.mark": ("planned", "计划"),
    "planned.heading": ("planned:", "计划："),
    "planned.ics_count": (
        "Also {count} planned {count|event|events}, as tentative items.",
        "另有 {count} 个计划事件（作为暂定项）。",
    ),
    "planned.ics_summary": ("{product} — planned: {type} ({where})", "{product} — 计划：{type}({where})"),
    "planned.ics_description": (
        "Planned for {date}; not yet happened. Mark it as happened in mscreg when it does.",
        "计划于 {date}；尚未发生。发生后请在 mscreg 中标记为已发生。",
    ),
    # ----- trial records: storage, import of registry files, listing and links ----------------------------
    "trial.still_linked": (
        "{field} “{value}” has clinical trials linked to it: {detail}. Unlink them first (each change is "
        "audited), then delete it.",
        "{field}“{value}”仍关联临床试验：{detail}。请先解除关联（每项修改均记入审计追踪），再删除。",
    ),
    "trial.exists": (
        "{field} “{value}”: this trial is already recorded.",
        "{field}“{value}”：该试验已有记录。",
    ),
    "trial.not_found": (
        "{field} “{value}”: no trial with this registry and identifier is recorded.",
        "{field}“{value}”：没有该登记平台和登记号的试验记录。",
    ),
    "trial.ref_format": (
        "{field} “{value}” is not REGISTRY:ID (for example ctgov:NCT01234567); registries: {valid}.",
        "{field}“{value}”不是“REGISTRY:ID”（登记平台与登记号以英文冒号分隔）格式（例如 ctgov:NCT01234567）；"
        "登记平台：{valid}。",
    ),
    "trial.track_other_product": (
        "{field} “{value}” belongs to product {name}, not to the product the trial is linked to.",
        "{field}“{value}”属于产品 {name}，而非该试验所关联的产品。",
    ),
    "trials.import_done": (
        "Imported {value}: {found} new, {expected} changed, {detail} unchanged.",
        "已导入 {value}：新增 {found} 项，修改 {expected} 项，未变 {detail} 项。",
    ),
    "trials.import_dry": (
        "Dry run of {value}, nothing was written:",
        "{value} 试运行，未写入任何数据：",
    ),
    "trials.suggested": (
        "  suggested, not linked: {value} → {name} (its {field} is this product's name); link it with "
        "“mscreg link-trial” if it is the same product.",
        "  建议关联（未关联）：{value} → {name}（其{field}与该产品名称相同）；如确为同一产品，请用"
        "“mscreg link-trial”关联。",
    ),
    "trials.linked": ("Linked {value} to {name}.", "已将 {value} 关联到 {name}。"),
    "trials.unlinked": ("Unlinked {value}.", "已解除 {value} 的关联。"),
    "trials.none": ("No trials.", "没有临床试验。"),
    "trials.row": (
        "{name} {value}  {found}  {status}  {detail}",
        "{name} {value}：{found}，{status}，{detail}",
    ),
    "trials.row_dates": (
        "    start {since}; primary completion {due}; completion {until}; enrolment {count}",
        "    开始 {since}；主要完成 {due}；完成 {until}；受试者人数 {count}",
    ),
    "trials.row_more": (
        "    sponsor {found}; countries {expected}; product {product}",
        "    申办者 {found}；国家 {expected}；产品 {product}",
    ),
    "trials.date_actual": ("{value} (actual)", "{value}（实际）"),
    "trials.date_estimated": ("{value} (estimated)", "{value}（预计）"),
    "trials.date_not_stated": ("{value} (actual or estimated not stated)", "{value}（未注明实际或预计）"),
    "trials.not_linked": ("—", "—"),
    "import.summary.trials": ("trials", "临床试验"),
    # ----- trials in the CSV and XLSX exchange ------------------------------------------------------------
    "trials.track_incomplete": (
        "{field} “{value}”: a track is named by its jurisdiction, indication and pathway together; give all "
        "three, or none.",
        "{field}“{value}”：申报路径由国家/地区、适应症和路径共同确定；请三项全部填写，或全部留空。",
    ),
    "trials.track_needs_product": (
        "{field} “{value}”: a trial is linked to a track of its product; name the product too.",
        "{field}“{value}”：试验只能关联其所属产品的申报路径；请同时填写产品。",
    ),
    "trials.exported_beside": (
        "The clinical trials are in {file}; import it after the file above.",
        "临床试验已导出至 {file}；请在导入上述文件之后再导入该文件。",
    ),
    # shipped data set: its trial registrations
    "seed.trials_not_list": (
        "{field}: the data set for a new database holds “{value}” where a list of trial registrations belongs; "
        "nothing was created.",
        "{field}：新数据库所用的数据集在应为试验登记列表处为“{value}”，未创建任何内容。",
    ),
    "seed.trial_twice": (
        "{field} “{value}”: the data set for a new database lists this trial twice; nothing was created.",
        "{field}“{value}”：新数据库所用的数据集两次列出该试验，未创建任何内容。",
    ),
    "seed.trial_product": (
        "{field} “{value}”: trial {detail} in the data set for a new database is linked to a product the data "
        "set does not hold; nothing was created.",
        "{field}“{value}”：新数据库所用数据集中的试验 {detail} 关联的产品不在该数据集中，未创建任何内容。",
    ),
    # holders over time in the one-file CSV (landing holders on the current work)
    "import.transfer_row_mixed": (
        "{field} “{value}” is on a row that records a transfer of holder or licensee: such a row leaves the "
        "track and event columns empty (put the event on a row of its own).",
        "{field}“{value}”位于记录持有人或被许可方变更的行：此类行的申报路径和事件各列应留空（请将事件写在单独一行）。",
    ),
    # obligations in the shipped data set: an entry refused names where it is, then what is wrong with it
    "seed.obligation_refused": (
        "{field} “{value}”, track {track}: obligation entry {row} of the data set for a new database is "
        "refused (below); nothing was created.",
        "{field}“{value}”，申报路径 {track}：新数据库所用数据集中的第 {row} 条义务被拒绝（原因见下），"
        "未创建任何内容。",
    ),
    "seed.obligation_shape": (
        "{field} “{value}”: must be a list of entries, each an object of named fields.",
        "{field}“{value}”：应为条目列表，每个条目都是由具名字段组成的对象。",
    ),
    "seed.obligation_key": (
        "{field} “{value}”: an obligation entry has no such field; the fields are: {valid}.",
        "{field}“{value}”：义务条目没有此字段；可用字段为：{valid}。",
    ),
    "seed.obligation_not_text": (
        "{field} “{value}”: must be text (a string).",
        "{field}“{value}”：应为文本（字符串）。",
    ),
    "seed.obligation_authorisation": (
        "{field} “{value}”: the track lists no single event of this type on this date to impose the "
        "obligation; name the authorising event by its type (authorisation) and date (authorisation_date) "
        "exactly as the track lists it.",
        "{field}“{value}”：该申报路径中没有唯一一个此类型、此日期的事件可作为施加该义务的批准；"
        "请按申报路径所列写明批准事件的类型（authorisation）和日期（authorisation_date）。",
    ),
    "seed.obligation_twice": (
        "{field} “{value}”: the same authorisation already has this obligation (entry {row}, the same kind "
        "and text).",
        "{field}“{value}”：同一批准已有此义务（第 {row} 条，类型和内容相同）。",
    ),
    # ----- qa-cli (the command line's QA pass) -----
    # verifications of tracks in exchange files
    "import.verification_row_mixed": (
        "{field} “{value}” is on a row that records a verification of its track (verified_date, verified_source, "
        "verified_note): such a row leaves the event columns empty (put the event on a row of its own).",
        "{field}“{value}”位于记录申报路径核实的行（verified_date、verified_source、verified_note）："
        "此类行的事件各列应留空（请将事件写在单独一行）。",
    ),
    "import.summary.verifications": ("verifications", "核实记录"),
    # why a file is not an audit anchor, in the reader's language
    "anchor.not_anchor.size": (
        "{field} “{value}” is not an mscreg audit anchor: it is larger than {limit} bytes.",
        "{field}“{value}”不是 mscreg 审计锚点：文件大于 {limit} 字节。",
    ),
    "anchor.not_anchor.encoding": (
        "{field} “{value}” is not an mscreg audit anchor: not UTF-8 text.",
        "{field}“{value}”不是 mscreg 审计锚点：不是 UTF-8 文本。",
    ),
    "anchor.not_anchor.json": (
        "{field} “{value}” is not an mscreg audit anchor: not valid JSON (line {line}, column {column}).",
        "{field}“{value}”不是 mscreg 审计锚点：不是有效的 JSON（第 {line} 行第 {column} 列）。",
    ),
    "anchor.not_anchor.unreadable_json": (
        "{field} “{value}” is not an mscreg audit anchor: "
        "not valid JSON (nested too deeply, or a number too long to read).",
        "{field}“{value}”不是 mscreg 审计锚点：不是可读取的 JSON（嵌套过深或数字过长）。",
    ),
    "anchor.not_anchor.duplicate_key": (
        "{field} “{value}” is not an mscreg audit anchor: not valid JSON: the key “{key}” appears twice.",
        "{field}“{value}”不是 mscreg 审计锚点：不是有效的 JSON：键“{key}”出现了两次。",
    ),
    "anchor.not_anchor.not_object": (
        "{field} “{value}” is not an mscreg audit anchor: not a JSON object.",
        "{field}“{value}”不是 mscreg 审计锚点：不是 JSON 对象。",
    ),
    "anchor.not_anchor.format": (
        "{field} “{value}” is not an mscreg audit anchor: its format is not {expected}.",
        "{field}“{value}”不是 mscreg 审计锚点：其格式不是 {expected}。",
    ),
    "anchor.not_anchor.version": (
        "{field} “{value}” is not an mscreg audit anchor: "
        "format version {found}; this mscreg reads version {expected}.",
        "{field}“{value}”不是 mscreg 审计锚点：格式版本为 {found}，本版 mscreg 只能读取版本 {expected}。",
    ),
    "anchor.not_anchor.unknown_keys": (
        "{field} “{value}” is not an mscreg audit anchor: unknown keys {keys}.",
        "{field}“{value}”不是 mscreg 审计锚点：含有未知的键 {keys}。",
    ),
    "anchor.not_anchor.missing_keys": (
        "{field} “{value}” is not an mscreg audit anchor: missing keys {keys}.",
        "{field}“{value}”不是 mscreg 审计锚点：缺少键 {keys}。",
    ),
    "anchor.not_anchor.not_text": (
        "{field} “{value}” is not an mscreg audit anchor: {key} is not text ({found}).",
        "{field}“{value}”不是 mscreg 审计锚点：{key} 不是文本（{found}）。",
    ),
    "anchor.not_anchor.kind": (
        "{field} “{value}” is not an mscreg audit anchor: kind {found} is not one of {expected}.",
        "{field}“{value}”不是 mscreg 审计锚点：kind 为 {found}，不是 {expected} 之一。",
    ),
    "anchor.not_anchor.row": (
        "{field} “{value}” is not an mscreg audit anchor: {key} is not a row number ({found}).",
        "{field}“{value}”不是 mscreg 审计锚点：{key} 不是记录编号（{found}）。",
    ),
    "anchor.not_anchor.hash": (
        "{field} “{value}” is not an mscreg audit anchor: a hash is not 64 lowercase hexadecimal digits.",
        "{field}“{value}”不是 mscreg 审计锚点：某个哈希值不是 64 位小写十六进制数字。",
    ),
    "anchor.not_anchor.empty_trail": (
        "{field} “{value}” is not an mscreg audit anchor: an empty trail has row 0, the all-zero hash and no identity.",
        "{field}“{value}”不是 mscreg 审计锚点：空审计追踪应为第 0 条记录、全零哈希值且无数据库标识。",
    ),
    "anchor.not_anchor.flag": (
        "{field} “{value}” is not an mscreg audit anchor: {key} is not true or false ({found}).",
        "{field}“{value}”不是 mscreg 审计锚点：{key} 不是 true 或 false（{found}）。",
    ),
    "anchor.not_anchor.signature_shape": (
        "{field} “{value}” is not an mscreg audit anchor: "
        "the signature is not an object of algorithm, key_id and value.",
        "{field}“{value}”不是 mscreg 审计锚点：签名不是由 algorithm、key_id 和 value 组成的对象。",
    ),
    "anchor.not_anchor.algorithm": (
        "{field} “{value}” is not an mscreg audit anchor: signature algorithm {found}; this mscreg knows {expected}.",
        "{field}“{value}”不是 mscreg 审计锚点：签名算法为 {found}，本版 mscreg 只识别 {expected}。",
    ),
    "anchor.not_anchor.signature_value": (
        "{field} “{value}” is not an mscreg audit anchor: the signature's key_id or value is malformed.",
        "{field}“{value}”不是 mscreg 审计锚点：签名的 key_id 或 value 格式不正确。",
    ),
    # regulatory answers (qa-domain): events dated after the term they would continue, and what to record first
    "transition.conversion_after_term": (
        "{field} “{value}”: on track {track}, {event} ({date}) comes after the time limit of the conditional "
        "and time-limited approval had ended ({due}; {basis}). Past its time limit the approval is no longer in "
        "force, so it can neither be extended nor kept by a full-approval application: record that the approval "
        "expired (“Authorisation expired”), and a later application as a new application on a new track "
        "(--new-track).",
        "{field}“{value}”：申报路径 {track} 上的{event}（{date}）晚于附条件和限期批准的期限届满日"
        "（{due}；{basis}）。期限届满后该批准即不再有效，既不能延长期限，也不能通过提交正式批准申请使其继续有效："
        "请记录该批准已到期失效（“上市许可到期失效”），并将之后的申请作为新申请记录在新的申报路径上（--new-track）。",
    ),
    "transition.conditions_after_term": (
        "{field} “{value}”: on track {track}, {event} ({date}) comes after the conditional marketing authorisation "
        "had ended ({due}; {basis}) with no renewal application recorded before that end. Only a conditional MA "
        "in force (or one whose renewal, applied for in time, awaits the decision) can be replaced by one without "
        "specific obligations: record that renewal application with its date, or that the authorisation expired "
        "(“Authorisation expired”) and the later authorisation as a new application on a new track (--new-track).",
        "{field}“{value}”：申报路径 {track} 上的{event}（{date}）晚于附条件上市许可的届满日（{due}；{basis}），"
        "且届满前未记录续期申请。只有仍有效的附条件上市许可（或已按时申请续期、尚待决定的）才能转为不附特定义务的"
        "上市许可：请记录该续期申请及其日期，或记录该许可已到期失效（“上市许可到期失效”），"
        "并将之后的许可作为新申请记录在新的申报路径上（--new-track）。",
    ),
    "transition.needs_cta": (
        "Track {track}: event “{event}” ({date}) is refused: it is requested on a clinical-trial application "
        "(with it or later), and the track is “{state}” at that date. Record the trial application first "
        "(“Trial application submitted”, “Trial application accepted (受理)”, or its permission, with its date, "
        "or with no date known when the source gives none), then the designation.",
        "申报路径 {track}：事件“{event}”（{date}）被拒绝：该认定须基于临床试验申请提出（随申请同时或之后），"
        "而该日期时路径状态为“{state}”。请先记录临床试验申请（“提交临床试验申请”“临床试验申请受理”或其许可，"
        "填写日期；来源未给出日期时可记为日期不详），再记录该认定。",
    ),
    "transition.deemed_not_recorded": (
        "Track {track}: event “{event}” ({date}) is refused: it needs the trial application in effect, and by law it "
        "was from {due} ({basis}), but that is not recorded: the track's log is still at “{state}”. Record "
        "“{deemed}” dated {due} first, then this event.",
        "申报路径 {track}：事件“{event}”（{date}）被拒绝：该事件须在临床试验申请生效后记录；依法该申请已自 {due} "
        "起生效（{basis}），但尚未记录，路径记录仍为“{state}”。请先记录“{deemed}”（日期 {due}），再记录该事件。",
    ),
    # an open database file deleted, moved or replaced behind mscreg's back
    "db.gone": (
        "{field} “{value}” is no longer there: the file was deleted, moved or renamed after mscreg opened "
        "it. Nothing was written: mscreg does not save into a file that is no longer at the place you "
        "opened, because the change would be lost with it (or end up in a file you no longer see here). "
        "If you moved or renamed it, open it where it is now; otherwise restore a backup (mscreg backup "
        "--list shows them).",
        "{field}“{value}”已不在原处：mscreg 打开该文件后，它被删除、移动或重命名。未写入任何内容："
        "mscreg 不会向已不在打开位置的文件保存，否则修改会随之丢失（或写入您在此处已看不到的文件）。"
        "如您移动或重命名了该文件，请在其新位置打开；否则请恢复备份（mscreg backup --list 可列出备份）。",
    ),
    "db.replaced": (
        "{field} “{value}” was replaced by another file after mscreg opened it. Nothing was written: "
        "the change would have gone into the file opened before, which is no longer at this place and "
        "would be lost with it. Open the database again to work on the file that is there now.",
        "{field}“{value}”在 mscreg 打开后已被另一个文件替换。未写入任何内容：修改本会写入先前打开的文件，"
        "而该文件已不在此处，修改会随之丢失。请重新打开数据库，以处理现在位于此处的文件。",
    ),
    "db.log_gone": (
        "{field} “{value}”: its log files (“{value}-wal” and “{value}-shm”, which SQLite keeps beside an "
        "open database) were deleted or replaced after mscreg opened it. Nothing was written: from now on "
        "mscreg and any other program would each keep a log of their own, and one's changes could "
        "overwrite the other's. Close the database and open it again before going on.",
        "{field}“{value}”：mscreg 打开该数据库后，其日志文件（“{value}-wal”和“{value}-shm”，SQLite "
        "在打开的数据库旁保留的文件）被删除或替换。未写入任何内容：此后 mscreg 与其他程序会各自保留一份日志，"
        "一方的修改可能覆盖另一方的修改。请先关闭数据库并重新打开，再继续操作。",
    ),
}


def _merge_parts() -> None:
    """Add the catalogue's other parts to MESSAGES, refusing a code defined twice."""
    for part in catalogue.PARTS:
        twice = MESSAGES.keys() & part.keys()
        if twice:
            raise RuntimeError(f"catalogue codes defined twice: {sorted(twice)}")
        MESSAGES.update(part)


_merge_parts()

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
    "encoding": "编码", "key": "键",
    "anchor": "锚点", "signing_key": "签名密钥", "history": "锚点记录",
    "cell": "单元格",
    "period": "期限", "calendar": "工作日日历", "query": "查询",
    "--as-of": "截至日期(--as-of)", "planned": "计划事件", "attributes.received": "收到日期",
    "attributes.designation": "认定", "due": "到期日", "due_rule": "期限规则", "new_due": "新到期日",
    "kind": "义务类型", "text_en": "英文内容", "text_zh": "中文内容", "owner": "负责人", "authorisation": "批准",
    "role": "角色", "from": "转让方", "to": "受让方",
    # clinical trials and published figures
    "registry": "登记平台", "registry_id": "登记号", "title": "标题", "title_zh": "中文标题",
    "official_title": "正式标题", "acronym": "简称", "organization": "登记机构", "phases": "分期",
    "status": "试验状态", "first_submitted": "首次提交日期", "primary_completion": "主要完成日期",
    "completion": "完成日期", "start_date": "开始日期", "enrolment": "受试者人数", "lead_sponsor": "主要申办者",
    "countries": "国家",
    "conditions": "研究疾病", "interventions": "干预措施", "results_posted": "已公布结果", "sources": "来源",
    "trial": "临床试验", "--trial": "试验(--trial)",
    "study": "研究", "figure": "已发表数据",
    # obligations in the shipped data set
    "obligations": "义务", "events": "步骤", "authorisation_date": "批准日期",
    "months": "月数", "--months": "月数(--months)",
    # the exchange files' other columns, as a refusal or a dry run names them
    "product_zh": "产品中文名", "company_aliases": "公司别名", "product_notes": "产品备注",
    "product_notes_zh": "产品中文备注", "indication_zh": "适应症中文名", "note_zh": "中文备注",
    "holder_jurisdiction": "持有人所在国家/地区", "holder_role": "持有人角色", "holder_date": "持有人变更日期",
    "holder_date_precision": "持有人变更日期精度", "holder_approximate": "持有人变更日期为近似",
    "holder_from": "原持有人", "holder_to": "新持有人", "holder_source": "持有人变更来源",
    "holder_note": "持有人变更备注", "step": "义务步骤", "step_date": "步骤日期", "step_new_due": "步骤新到期日",
    "step_source": "步骤来源", "step_note": "步骤备注", "first_submitted_kind": "首次提交日期类型",
    "start_date_kind": "开始日期类型", "primary_completion_kind": "主要完成日期类型", "completion_kind": "完成日期类型",
    "enrolment_kind": "受试者人数类型", "track_jurisdiction": "申报路径国家/地区", "track_indication": "申报路径适应症",
    "track_pathway": "申报路径类型",
    # printed pages (qa-print)
    "page": "纸张尺寸(--page)", "fit": "版式(--fit)",
}


def field_name(field: str, lang: str = "en") -> str:
    """A field as a message names it: its Chinese name in Chinese, its own (column) name otherwise."""
    return FIELD_NAMES_ZH.get(field, field) if lang.startswith("zh") else field


# "{count|row|rows}": the word for a count, singular when the count is 1 (English only; Chinese has no plural).
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _plurals(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with each ``{name|one|other}`` replaced by the form the count ``params[name]`` takes."""
    if "|" not in template:
        return template

    def form(m: re.Match[str]) -> str:
        value = params.get(m.group(1))
        try:
            return m.group(2) if int(str(value)) == 1 else m.group(3)
        except ValueError:
            return m.group(3)

    return _PLURAL.sub(form, template)


def render_problem(problem: Problem, lang: str = "en") -> str:
    zh = lang.startswith("zh")
    template = MESSAGES.get(problem.code)
    if template is None:
        return f"{problem.field} “{problem.value}”: {problem.code} {dict(problem.params)}"
    params: dict[str, Any] = {k: _show(v, lang, problem.params) for k, v in problem.params.items()}
    params["field"] = field_name(problem.field, lang)
    params["value"] = problem.value
    chosen = _plurals(template[1 if zh else 0], problem.params)
    try:
        return chosen.format(**params)
    except (KeyError, IndexError):
        return chosen + f" ({params})"


def _show(value: Any, lang: str, all_params: Mapping[str, Any]) -> str:
    """Render a parameter: tracks by label, states and event types by their names in ``lang``."""
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.states import State, state_name
    from mscreg.domain.track import Track

    if isinstance(value, NoDate):
        return text("date.none", lang)
    if isinstance(value, Track):
        return value.label(lang)
    from mscreg.domain.event_types import Pathway

    if isinstance(value, Pathway):
        return text(f"pathway.{value.value}", lang)
    if isinstance(value, State):
        return state_name(value, str(all_params.get("jurisdiction", "")), lang)
    if isinstance(value, list):
        names = [_show(v, lang, all_params) for v in value]
        return text("list.enumeration", lang).join(names) if names else "—"
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


def text(code: str, lang: str = "en", /, **params: Any) -> str:
    """The catalogue text ``code`` in ``lang`` (``en`` or ``zh…``), its ``{braces}`` filled from
    ``params``: the one way a label, heading or sentence shown outside widgets is produced, so every
    such text is reviewed in both languages in one table.  An unknown code raises ``KeyError``: a
    missing text is a programming error that a test must catch, not something to show a user."""
    template = MESSAGES[code][1 if lang.startswith("zh") else 0]
    if not params:
        return template
    template = _plurals(template, params)
    shown = {k: _show(v, lang, params) for k, v in params.items()}
    return template.format(**shown)
