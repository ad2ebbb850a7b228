<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AsOfBanner</name>
    <message>
        <location filename="../../ui/as_of_control.py" line="+130"/>
        <source>Showing states as of %1</source>
        <translation>正在显示截至 %1 的状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to today</source>
        <translation>回到今天</translation>
    </message>
</context>
<context>
    <name>AsOfControl</name>
    <message>
        <location line="-47"/>
        <source>As of:</source>
        <translation>截至：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show states as of</source>
        <translation>显示截至该日的状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>States, designations and deadlines are shown as of this day</source>
        <translation>状态、认定和时限均按此日显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show states as of today</source>
        <translation>显示截至今天的状态</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../ui/audit_view.py" line="+54"/>
        <source>When (local)</source>
        <translation>时间(本地)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When (UTC)</source>
        <translation>时间(UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change (old → new)</source>
        <translation>变更(原值 → 新值)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INN</source>
        <translation>国际非专利名称(INN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company (Chinese)</source>
        <translation>公司(中文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>company aliases</source>
        <translation>公司别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tissue</source>
        <translation>组织来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>donor</source>
        <translation>供体类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>modality</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>jurisdiction</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indication</source>
        <translation>适应症</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pathway</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approximate</source>
        <translation>近似日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>agency</source>
        <translation>监管机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reference</source>
        <translation>文号/编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notes (Chinese)</source>
        <translation>备注(中文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note (Chinese)</source>
        <translation>说明(中文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>indication (Chinese)</source>
        <translation>适应症(中文)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>imposed by event</source>
        <translation>附加依据(事件)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>obligation (English)</source>
        <translation>义务内容(英文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>obligation (Chinese)</source>
        <translation>义务内容(中文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due date approximate</source>
        <translation>到期日近似</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+141"/>
        <source>obligation</source>
        <translation>义务</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>new due date approximate</source>
        <translation>新到期日近似</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from</source>
        <translation>原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>registry</source>
        <translation>登记平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identifier</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>title (Chinese)</source>
        <translation>标题(中文)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>official title</source>
        <translation>正式标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>acronym</source>
        <translation>简称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phases</source>
        <translation>分期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>试验状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start is</source>
        <translation>开始日期性质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completion</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completion is</source>
        <translation>完成日期性质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first submitted</source>
        <translation>首次提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first submission is</source>
        <translation>首次提交日期性质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enrolment</source>
        <translation>受试者人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enrolment is</source>
        <translation>受试者人数性质</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sponsor</source>
        <translation>申办者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>countries</source>
        <translation>国家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conditions</source>
        <translation>疾病</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interventions</source>
        <translation>干预措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>results posted</source>
        <translation>已发布结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clinical trials</source>
        <translation>临床</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marketing</source>
        <translation>上市</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>submitted by the holder</source>
        <translation>持有人已提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fulfilled</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>released</source>
        <translation>已解除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due date extended</source>
        <translation>到期日已延长</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>estimated</source>
        <translation>预计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>holder transfer</source>
        <translation>持有人变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>verification</source>
        <translation>来源核对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>obligation progress</source>
        <translation>义务进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trial registration</source>
        <translation>临床试验登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="-169"/>
        <location line="+161"/>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+158"/>
        <source>track</source>
        <translation>申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>event</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location line="+178"/>
        <source>Reading the audit trail…</source>
        <translation>正在读取审计追踪…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Verifying the audit chain…</source>
        <translation>正在校验审计链…</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+57"/>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message numerus="yes">
        <location line="-35"/>
        <source>%1 of %n change(s)</source>
        <translation>
            <numerusform>显示 %1 条修改，共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verifying the database and the audit chain…</source>
        <translation>正在校验数据库和审计链…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Filter changes: name, field, value, reason, user…</source>
        <translation>筛选修改记录：名称、字段、值、原因、用户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter the audit trail</source>
        <translation>筛选审计追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracks</source>
        <translation>申报路径</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holder transfers</source>
        <translation>持有人变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifications</source>
        <translation>来源核对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obligations</source>
        <translation>义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obligation progress</source>
        <translation>义务进展</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trial registrations</source>
        <translation>临床试验登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All changes</source>
        <translation>全部修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind of record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of change</source>
        <translation>修改类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only changes between two dates</source>
        <translation>仅显示两个日期之间的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From date</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify the database and the audit chain</source>
        <translation>校验数据库和审计链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same check as “mscreg check”</source>
        <translation>与“mscreg check”命令相同的检查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reload the audit trail</source>
        <translation>重新加载审计追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit trail</source>
        <translation>审计追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result of the chain verification</source>
        <translation>审计链校验结果</translation>
    </message>
</context>
<context>
    <name>ChangeTableModel</name>
    <message>
        <location filename="../../ui/exchange_dialogs.py" line="+164"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After the import</source>
        <translation>导入后</translation>
    </message>
</context>
<context>
    <name>ChangesPage</name>
    <message>
        <location filename="../../ui/changes_page.py" line="+120"/>
        <source>&amp;After</source>
        <translation>之后(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Up to</source>
        <translation>截至(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print to PDF…</source>
        <translation>打印为 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to XLSX…</source>
        <translation>导出为 XLSX…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indication</source>
        <translation>适应症</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The end of the period is before its start.</source>
        <translation>期间的结束日期早于开始日期。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reading what changed…</source>
        <translation>正在读取变化…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+83"/>
        <location line="+2"/>
        <source>What changed</source>
        <translation>变化报告</translation>
    </message>
    <message numerus="yes">
        <location line="-72"/>
        <source>%n change(s) in %1 countries or regions; %2 data edit(s).</source>
        <translation>
            <numerusform>%1 个国家/地区共有 %n 项变化；数据修改 %2 项。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+47"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save what changed</source>
        <translation>保存变化报告</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing what changed…</source>
        <translation>正在写入变化报告…</translation>
    </message>
</context>
<context>
    <name>DateDisplay</name>
    <message>
        <location filename="../../ui/date_display.py" line="+40"/>
        <source>date unknown</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message numerus="yes">
        <location line="-22"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>还剩 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="-27"/>
        <source>%1 Q1</source>
        <translation>%1年第一季度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Q2</source>
        <translation>%1年第二季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Q3</source>
        <translation>%1年第三季度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Q4</source>
        <translation>%1年第四季度</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>at the latest in %n day(s)</source>
        <translation>
            <numerusform>最迟还剩 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlineModel</name>
    <message>
        <location filename="../../ui/deadlines_dashboard.py" line="+57"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due within 30 days</source>
        <translation>30 日内到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Later</source>
        <translation>以后到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provisional (China holiday calendar not yet published)</source>
        <translation>暂定(中国节假日安排尚未公布)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To review: term ended, nothing recorded</source>
        <translation>待复核：有效期已届满，未记录后续事件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jurisdiction</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted from</source>
        <translation>起算依据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Track</source>
        <translation>申报路径</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>term ended: review the track</source>
        <translation>有效期已届满：请复核该申报路径</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>marketing</source>
        <translation>上市</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clinical</source>
        <translation>临床</translation>
    </message>
</context>
<context>
    <name>DeadlineNotice</name>
    <message numerus="yes">
        <location filename="../../ui/deadline_notice.py" line="+98"/>
        <source>%n deadline(s) overdue</source>
        <translation>
            <numerusform>%n 项时限已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n deadline(s) due</source>
        <translation>
            <numerusform>%n 项时限</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>within the next %n day(s)</source>
        <translation>
            <numerusform>将在 %n 天内到期</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show deadlines</source>
        <translation>查看时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the deadlines page</source>
        <translation>显示时限页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the deadline notice</source>
        <translation>关闭时限提醒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline notice</source>
        <translation>时限提醒</translation>
    </message>
</context>
<context>
    <name>DeadlinesDashboard</name>
    <message numerus="yes">
        <location filename="../../ui/deadlines_dashboard.py" line="+190"/>
        <source>%n open deadline(s)</source>
        <translation>
            <numerusform>%n 项待处理时限</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>as of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To review: waiting for the database to be read…</source>
        <translation>待复核：正在读取数据库…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>To review: %n track(s) not verified against a source for %1 months or more</source>
        <translation>
            <numerusform>待复核：%n 条申报路径已有 %1 个月或更久未依据来源核对</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open deadlines grouped by urgency</source>
        <translation>按紧急程度分组的待处理时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open product</source>
        <translation>打开产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the product of the selected deadline</source>
        <translation>打开所选时限对应的产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline summary</source>
        <translation>时限摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jurisdiction</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Track</source>
        <translation>申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracks not verified against a source for months</source>
        <translation>数月未依据来源核对的申报路径</translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <location filename="../../ui/dialogs/delete_dialog.py" line="+29"/>
        <location line="+5"/>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Delete %1?
The deletion is recorded in the audit trail with your reason, and can be undone.</source>
        <translation>删除%1？
删除操作将连同您填写的原因记入审计追踪，并可撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason for deleting:</source>
        <translation>删除原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>DesignationFlags</name>
    <message>
        <location filename="../../ui/designation_flags.py" line="+64"/>
        <source>%1 — since %2</source>
        <translation>%1 — 自 %2 起</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+29"/>
        <source>Designations held on %1</source>
        <translation>%1 时持有的认定</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <location filename="../../ui/edit_controller.py" line="+97"/>
        <source>New product “%1”</source>
        <translation>新建产品“%1”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Edit product “%1”</source>
        <translation>编辑产品“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the product “%1”</source>
        <translation>产品“%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete product “%1”</source>
        <translation>删除产品“%1”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New track “%1”</source>
        <translation>新建申报路径“%1”</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Edit track “%1”</source>
        <translation>编辑申报路径“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the track “%1”</source>
        <translation>申报路径“%1”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete track “%1”</source>
        <translation>删除申报路径“%1”</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>New event “%1”</source>
        <translation>新建事件“%1”</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Edit event “%1”</source>
        <translation>编辑事件“%1”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark “%1” as happened</source>
        <translation>将“%1”标记为已发生</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the event “%1” of %2</source>
        <translation>%2 的事件“%1”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete event “%1”</source>
        <translation>删除事件“%1”</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Delete obligation</source>
        <translation>删除义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the obligation “%1”?
The deletion is recorded in the audit trail with your reason.</source>
        <translation>删除义务“%1”？
删除操作将连同您填写的原因记入审计追踪。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Unlink trial</source>
        <translation>取消关联试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlink the trial %1 from its product?
The trial stays stored; the change is recorded in the audit trail with your reason.</source>
        <translation>取消试验 %1 与其产品的关联？
试验记录仍会保留；此修改将连同您填写的原因记入审计追踪。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlink</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undo not possible</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo not possible</source>
        <translation>无法重做</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was changed. The step “%1” has been removed from the undo history.</source>
        <translation>未作任何改动。步骤“%1”已从撤销历史中移除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No database</source>
        <translation>没有数据库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No database is open.</source>
        <translation>尚未打开数据库。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot open the record</source>
        <translation>无法打开该记录</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The database could not complete the change (%1). Nothing was saved.</source>
        <translation>数据库未能完成此项修改(%1)。未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../ui/error_reporting.py" line="+63"/>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no log file)</source>
        <translation>(无日志文件)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong that mscreg did not expect. Your data has not been changed by this error. The details were written to the log file:
%1</source>
        <translation>mscreg 遇到了意外错误。您的数据未因此错误而改动。详细信息已写入日志文件：
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>EventDialog</name>
    <message>
        <location filename="../../ui/dialogs/event_dialog.py" line="+191"/>
        <source>Choose what happened (the event type).</source>
        <translation>请选择发生了什么(事件类型)。</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+6"/>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Time limit (years)</source>
        <translation>批准期限(年)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipment restricted</source>
        <translation>限制出货</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30-working-day pilot</source>
        <translation>30个工作日审评试点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold scope</source>
        <translation>暂停范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>审评类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resubmission class</source>
        <translation>重新提交类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>complete</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partial</source>
        <translation>部分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>standard</source>
        <translation>标准审评</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>priority</source>
        <translation>优先审评</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mark as happened</source>
        <translation>标记为已发生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit event</source>
        <translation>编辑事件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New event</source>
        <translation>新建事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Planned (not yet happened)</source>
        <translation>计划(尚未发生)(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A plan is kept and listed but never changes the track&apos;s state; it may be dated in the future or by quarter.</source>
        <translation>计划事件会被保存和列出，但不会改变申报路径的状态；其日期可以是将来的日期或某个季度。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Track:</source>
        <translation>申报路径：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State at this date:</source>
        <translation>该日期的状态：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Event type:</source>
        <translation>事件类型(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Agency:</source>
        <translation>监管机构(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Re&amp;ference:</source>
        <translation>参考编号(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Confidence:</source>
        <translation>可信度(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note (Chinese):</source>
        <translation>备注（中文）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason for the change:</source>
        <translation>修改原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the event type…</source>
        <translation>请选择事件类型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agency</source>
        <translation>监管机构</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reference</source>
        <translation>参考编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IND number, CDE acceptance number, NCT, BLA…</source>
        <translation>IND 编号、CDE 受理号、NCT 编号、BLA 编号…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Citation or URL</source>
        <translation>引文或网址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note (Chinese)</source>
        <translation>备注（中文）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>clinical trial</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>marketing</source>
        <translation>上市</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../ui/product_view.py" line="+108"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reference</source>
        <translation>参考编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agency</source>
        <translation>监管机构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>planned: %1</source>
        <translation>计划：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Click or press Enter to open the link.</source>
        <translation>单击或按 Enter 键打开链接。</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../ui/exchange_menu.py" line="+43"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Data…</source>
        <translation>导出数据…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Calendar…</source>
        <translation>导出日历…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Audit Trail…</source>
        <translation>导出审计追踪…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/product_filters.py" line="+170"/>
        <source>All jurisdictions</source>
        <translation>全部国家/地区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All tissues</source>
        <translation>全部组织来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All donor types</source>
        <translation>全部供者类型</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Search names, aliases, INN, company, pinyin…  (Ctrl+F)</source>
        <translation>搜索名称、别名、INN、公司、拼音…  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search products</source>
        <translation>搜索产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by jurisdiction</source>
        <translation>按国家/地区筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by state</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by tissue</source>
        <translation>按组织来源筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by donor type</source>
        <translation>按供者类型筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due within</source>
        <translation>到期不超过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only products with a deadline due within the number of days</source>
        <translation>仅显示在指定天数内有时限到期的产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days until the deadline</source>
        <translation>距时限到期的天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Clear search and filters</source>
        <translation>清除搜索和筛选条件</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../ui/exchange_dialogs.py" line="+145"/>
        <location line="+28"/>
        <location line="+126"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>Data files (*.csv *.xlsx *.json);;</source>
        <translation>数据文件 (*.csv *.xlsx *.json);;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+14"/>
        <source>Export Calendar</source>
        <translation>导出日历</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Calendar (*.ics)</source>
        <translation>日历 (*.ics)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export audit trail</source>
        <translation>导出审计追踪</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Choose a file name ending in .csv, .xlsx or .json: %1</source>
        <translation>请选择以 .csv、.xlsx 或 .json 结尾的文件名：%1</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+23"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <location line="+2"/>
        <source>mscreg</source>
        <translation>mscreg</translation>
    </message>
    <message numerus="yes">
        <location line="-24"/>
        <source>Writing %1 of %n record(s)…</source>
        <translation>
            <numerusform>正在写入第 %1 条记录，共 %n 条…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking %n row(s)…</source>
        <translation>
            <numerusform>正在检查 %n 行…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>导入已取消；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location line="-261"/>
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>The file is refused: nothing will be written. Errors found: %n</source>
        <translation>
            <numerusform>文件被拒绝：不会写入任何内容。发现错误：%n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssueTableModel</name>
    <message>
        <location line="-173"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>LandscapePage</name>
    <message>
        <location filename="../../ui/landscape_page.py" line="+212"/>
        <source>Search products and trials: names, identifiers, sponsors, conditions…</source>
        <translation>搜索产品和试验：名称、登记号、申办方、疾病…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search products and trials</source>
        <translation>搜索产品和试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by jurisdiction</source>
        <translation>按国家/地区筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by tissue</source>
        <translation>按组织来源筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by donor type</source>
        <translation>按供体类型筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by trial registry</source>
        <translation>按试验登记平台筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Clear search and filters</source>
        <translation>清除搜索和筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;As of</source>
        <translation>截至(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print to PDF…</source>
        <translation>打印为 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image…</source>
        <translation>PNG 图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV table…</source>
        <translation>CSV 表格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook…</source>
        <translation>Excel 工作簿…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page setup…</source>
        <translation>页面设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All jurisdictions</source>
        <translation>全部国家/地区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All tissues</source>
        <translation>全部组织来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All donor types</source>
        <translation>全部供体类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All registries</source>
        <translation>全部登记平台</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Reading the landscape…</source>
        <translation>正在读取格局概览…</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+86"/>
        <location line="+161"/>
        <location line="+2"/>
        <source>Landscape</source>
        <translation>格局概览</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the landscape</source>
        <translation>保存格局概览</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the landscape…</source>
        <translation>正在写入格局概览…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+357"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="-180"/>
        <location line="+181"/>
        <source>Deadlines</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+171"/>
        <source>Audit trail</source>
        <translation>审计追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>About mscreg</source>
        <translation>关于 mscreg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mscreg %1: a tracker of MSC products through regulatory pathways, country by country.</source>
        <translation>mscreg %1：按国家/地区跟踪间充质干细胞(MSC)产品注册申报进程的工具。</translation>
    </message>
</context>
<context>
    <name>ObligationDialog</name>
    <message>
        <location filename="../../ui/dialogs/obligation_dialog.py" line="+223"/>
        <source>New obligation</source>
        <translation>新增义务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit obligation</source>
        <translation>编辑义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imposed &amp;by:</source>
        <translation>附加依据(&amp;B)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is required (&amp;English):</source>
        <translation>义务内容（英文）(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is required (&amp;Chinese):</source>
        <translation>义务内容（中文）(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Due:</source>
        <translation>到期日(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Source:</source>
        <translation>来源(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>修改原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Authorisation that imposed the obligation</source>
        <translation>附加该义务的批准</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On a date</source>
        <translation>指定日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within a period of the authorisation</source>
        <translation>自批准起的期限内</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>years</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How the due date is set</source>
        <translation>到期日的确定方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of years or months after the authorisation</source>
        <translation>批准后的年数或月数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Years or months</source>
        <translation>年或月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is required, in English</source>
        <translation>义务内容（英文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What is required, in Chinese</source>
        <translation>义务内容（中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English, Chinese or both</source>
        <translation>英文、中文或两者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is responsible (optional)</source>
        <translation>负责人（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the obligation is stated: a web address or a document</source>
        <translation>义务的出处：网址或文件</translation>
    </message>
</context>
<context>
    <name>ObligationForm</name>
    <message>
        <location line="-166"/>
        <source>Correct the field marked above.</source>
        <translation>请更正上方标出的字段。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: correct the field marked above.</source>
        <translation>未保存：请更正上方标出的字段。</translation>
    </message>
</context>
<context>
    <name>ObligationStepDialog</name>
    <message>
        <location line="+246"/>
        <source>Record a step of the obligation</source>
        <translation>记录义务进展</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Step:</source>
        <translation>进展(&amp;S)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New due date:</source>
        <translation>新到期日(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>So&amp;urce:</source>
        <translation>来源(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Reason:</source>
        <translation>修改原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Submitted by the holder</source>
        <translation>持有人已提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilled (accepted by the agency)</source>
        <translation>已完成（监管机构已接受）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released (no longer required)</source>
        <translation>已解除（不再要求）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extended (a new due date)</source>
        <translation>已延期（新的到期日）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where the step is documented (optional)</source>
        <translation>该进展的记录出处（可选）</translation>
    </message>
</context>
<context>
    <name>ObligationsPanel</name>
    <message>
        <location filename="../../ui/obligations_panel.py" line="+99"/>
        <location line="+1"/>
        <location line="+6"/>
        <source>Obligations of the authorisation</source>
        <translation>该批准附带的义务</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Add obligation…</source>
        <translation>新增义务…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an obligation of an authorisation of this track</source>
        <translation>为此申报路径的批准新增义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obligations, with their due dates and status</source>
        <translation>义务及其到期日和状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none recorded</source>
        <translation>尚未记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imposed by</source>
        <translation>附加依据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Obligation</source>
        <translation>义务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Still open at %1 (%2)</source>
        <translation>%1(%2)时仍未完成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record step</source>
        <translation>记录进展</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>OpenObligationsList</name>
    <message>
        <location line="+69"/>
        <source>Open obligations</source>
        <translation>未完成的义务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Obligation</source>
        <translation>义务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Obligations still open, soonest due first</source>
        <translation>未完成的义务，按到期日先后排列</translation>
    </message>
</context>
<context>
    <name>PageSetupDialog</name>
    <message>
        <location filename="../../ui/timeline_printing.py" line="+73"/>
        <source>Page setup</source>
        <translation>页面设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit to one page</source>
        <translation>缩放至一页</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tile across pages (full size)</source>
        <translation>分页平铺(原尺寸)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orientation:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margins:</source>
        <translation>页边距：</translation>
    </message>
</context>
<context>
    <name>PartialDateEdit</name>
    <message>
        <location filename="../../ui/dialogs/partial_date_edit.py" line="+136"/>
        <source>Exact day</source>
        <translation>精确到日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Month only</source>
        <translation>仅知年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year only</source>
        <translation>仅知年份</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No date known</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quarter (planned)</source>
        <translation>季度(计划)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Date precision</source>
        <translation>日期精度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How precisely the source gives the date; no day is invented.</source>
        <translation>来源所给日期的精确程度；不臆造具体日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approximate</source>
        <translation>近似</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approximate date</source>
        <translation>近似日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date was worked out indirectly (shown with ≈).</source>
        <translation>该日期为间接推算得出(以 ≈ 标示)。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/preferences_dialog.py" line="+76"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ISO (2024-07, 2024-12-18)</source>
        <translation>ISO 格式(2024-07、2024-12-18)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long (Jul 2024, 18 Dec 2024)</source>
        <translation>长格式(2024年7月、2024年12月18日)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Remind of deadlines within:</source>
        <translation>时限提醒范围(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;view tracks not verified for:</source>
        <translation>申报路径多久未核对即列入复核(&amp;V)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Da&amp;te display:</source>
        <translation>日期显示格式(&amp;T)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the database file</source>
        <translation>选择数据库文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default location</source>
        <translation>默认位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A database given on the command line (--db) or in MSCREG_DB takes precedence. Changing the database reopens it at once.</source>
        <translation>命令行参数(--db)或环境变量 MSCREG_DB 指定的数据库优先。更改数据库后将立即重新打开。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the database</source>
        <translation>选择数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mscreg databases (*.sqlite *.db);;All files (*)</source>
        <translation>mscreg 数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="+116"/>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New product</source>
        <translation>新建产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese name:</source>
        <translation>中文名称：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;INN / code:</source>
        <translation>INN/代号(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Aliases (one per line):</source>
        <translation>别名(每行一个)(&amp;A)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Company:</source>
        <translation>公司(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company (Chinese):</source>
        <translation>公司(中文)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company aliases (one per line):</source>
        <translation>公司别名(每行一个)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source &amp;tissue:</source>
        <translation>组织来源(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Donor type:</source>
        <translation>供者类型(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Modality:</source>
        <translation>产品类型(&amp;M)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N&amp;otes:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes (Chinese):</source>
        <translation>备注（中文）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason for the change:</source>
        <translation>修改原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>INN or code</source>
        <translation>INN 或代号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company (Chinese)</source>
        <translation>公司(中文)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Company aliases</source>
        <translation>公司别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source tissue</source>
        <translation>组织来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Donor type</source>
        <translation>供者类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modality</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes (Chinese)</source>
        <translation>备注（中文）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/product_table_model.py" line="+83"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next deadline</source>
        <translation>下一时限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Designations</source>
        <translation>认定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chinese name</source>
        <translation>中文名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tissue</source>
        <translation>组织来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Donor</source>
        <translation>供体类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>English name</source>
        <translation>英文名</translation>
    </message>
    <message>
        <location line="+284"/>
        <source>marketing</source>
        <translation>上市</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>clinical</source>
        <translation>临床</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
</context>
<context>
    <name>ProductTrialsModel</name>
    <message>
        <location filename="../../ui/trials_panel.py" line="+76"/>
        <source>%1 (estimated)</source>
        <translation>%1（预计）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (anticipated)</source>
        <translation>%1（预计）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Registry ID</source>
        <translation>注册号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phase</source>
        <translation>分期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrolment</source>
        <translation>入组人数</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Click to open the registry page: %1</source>
        <translation>点击打开注册平台页面：%1</translation>
    </message>
</context>
<context>
    <name>ProductView</name>
    <message>
        <location filename="../../ui/product_view.py" line="+533"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>INN</source>
        <translation>国际非专利名称(INN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also known as</source>
        <translation>别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company also known as</source>
        <translation>公司别名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tissue</source>
        <translation>组织来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Donor</source>
        <translation>供者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modality</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>Product details</source>
        <translation>产品详情</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide every name, attribute and note of the product</source>
        <translation>显示或隐藏产品的全部名称、属性和备注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit product…</source>
        <translation>编辑产品…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New track…</source>
        <translation>新建申报路径…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New track for this product</source>
        <translation>为该产品新建申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product pages</source>
        <translation>产品页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracks of the product</source>
        <translation>该产品的申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a product in the list to see its tracks, events and deadlines.</source>
        <translation>在列表中选择一个产品，查看其申报路径、事件和时限。</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../../ui/products_page.py" line="+206"/>
        <location line="+251"/>
        <source>Selected product</source>
        <translation>所选产品</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Computing deadlines…</source>
        <translation>正在计算时限…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preparing the search…</source>
        <translation>正在准备搜索…</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Choose the track: each track has its own “Add event…” button.</source>
        <translation>请选择申报路径：每条申报路径都有自己的“添加事件…”按钮。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter opens the selected product&apos;s tracks below the list</source>
        <translation>按 Enter 键在列表下方显示所选产品的申报路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product list and product details</source>
        <translation>产品列表和产品详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Legend of the product list</source>
        <translation>产品列表图例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each country shows the leading track&apos;s state and the date it holds since; hover a cell for every track, a country code for its name.</source>
        <translation>每个国家/地区显示主要申报路径的状态及其起始日期；鼠标悬停单元格可查看全部申报路径，悬停国家代码可查看名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ZZ: registry entries that do not state a country.</source>
        <translation>ZZ：未注明国家/地区的登记记录。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="+64"/>
        <source>Not saved: see the message above.</source>
        <translation>未保存：请见上方提示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>ReasonEdit</name>
    <message>
        <location filename="../../ui/dialogs/reason_edit.py" line="+26"/>
        <source>Why is this change made? (recorded in the audit trail)</source>
        <translation>为何作此修改？(将记入审计追踪)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: “MHLW approval notice of 2026-03-12” or “typo in the date”.</source>
        <translation>例如：“厚生劳动省 2026-03-12 批准通知”或“日期录入错误”。</translation>
    </message>
</context>
<context>
    <name>ReportPages</name>
    <message>
        <location filename="../../ui/report_pages.py" line="+42"/>
        <source>What changed</source>
        <translation>变化报告</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <source>Trials</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Reading trials…</source>
        <translation>正在读取临床试验…</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <location filename="../../ui/status_line.py" line="+63"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n 个产品</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n product(s) shown</source>
        <translation>
            <numerusform>显示 %1 个产品，共 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It is held by process %1 on %2.</source>
        <translation>占用该数据库的是 %2 上的进程 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database is already open in another mscreg window.</source>
        <translation>该数据库已在另一个 mscreg 窗口中打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database already open</source>
        <translation>数据库已被打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database %1 is already open in another mscreg window. Close that window first, or choose another database in Preferences.</source>
        <translation>数据库 %1 已在另一个 mscreg 窗口中打开。请先关闭该窗口，或在“首选项”中选择其他数据库。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database could not be opened; see the log.</source>
        <translation>无法打开数据库；详见日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../ui/timeline_panel.py" line="+120"/>
        <source>By country</source>
        <translation>按国家/地区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>World approvals</source>
        <translation>全球批准情况</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Timeline view</source>
        <translation>时间线视图</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As of:</source>
        <translation>截至：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As of today</source>
        <translation>截至今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As-of date</source>
        <translation>截至日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trials</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a lane of the registered trials linked to each product</source>
        <translation>为每个产品显示一行其关联的已登记临床试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show trial lanes</source>
        <translation>显示临床试验行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole timeline</source>
        <translation>显示完整时间线</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Page setup…</source>
        <translation>页面设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Drawing the timeline…</source>
        <translation>正在绘制时间线…</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n lane(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePrinter</name>
    <message>
        <location filename="../../ui/timeline_printing.py" line="+43"/>
        <location line="+7"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>There is no timeline to print.</source>
        <translation>没有可打印的时间线。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export SVG</source>
        <translation>导出 SVG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export slides</source>
        <translation>导出幻灯片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PowerPoint slides (*.pptx)</source>
        <translation>PowerPoint 幻灯片 (*.pptx)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <location line="+17"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing page %1 of %2…</source>
        <translation>正在写入第 %1/%2 页…</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../ui/timeline_view.py" line="+41"/>
        <location line="+228"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>Timelines</name>
    <message>
        <location filename="../../ui/timeline_integration.py" line="+67"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timelines</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page Setup…</source>
        <translation>页面设置…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Slides (PPTX)…</source>
        <translation>导出幻灯片（PPTX）…</translation>
    </message>
</context>
<context>
    <name>TrackDialog</name>
    <message>
        <location filename="../../ui/dialogs/track_dialog.py" line="+84"/>
        <source>Choose the jurisdiction.</source>
        <translation>请选择国家/地区。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit track</source>
        <translation>编辑申报路径</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New track</source>
        <translation>新建申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product:</source>
        <translation>产品：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Jurisdiction:</source>
        <translation>国家/地区(&amp;J)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Indication:</source>
        <translation>适应症(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pathway:</source>
        <translation>路径(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Indication (Chinese):</source>
        <translation>适应症（中文）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason for the change:</source>
        <translation>修改原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jurisdiction</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the jurisdiction…</source>
        <translation>请选择国家/地区…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indication</source>
        <translation>适应症</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indication (Chinese)</source>
        <translation>适应症（中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pathway</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clinical trial</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Marketing authorisation</source>
        <translation>上市许可</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>TrackSection</name>
    <message>
        <location filename="../../ui/product_view.py" line="-395"/>
        <location line="+124"/>
        <source>Add event…</source>
        <translation>添加事件…</translation>
    </message>
    <message>
        <location line="-123"/>
        <location line="+134"/>
        <source>Edit track…</source>
        <translation>编辑申报路径…</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>Edit this track</source>
        <translation>编辑此申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+133"/>
        <source>Delete track…</source>
        <translation>删除申报路径…</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>Delete this track</source>
        <translation>删除此申报路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark as verified…</source>
        <translation>标记为已核对…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record that this track was checked against a source</source>
        <translation>记录此申报路径已依据来源核对</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>marketing</source>
        <translation>上市</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>clinical trials</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add an event to this track</source>
        <translation>为该申报路径添加事件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The statutory term ended: %1, due %2 (%3). Record the renewal, conversion or ending if it happened.</source>
        <translation>法定有效期已届满：%1，到期日 %2（%3）。如已续期、转换或终止，请记录相应事件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current state</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference numbers</source>
        <translation>参考编号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Events of this track, in date order</source>
        <translation>该申报路径的事件(按日期排序)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No deadlines computed for this track.</source>
        <translation>该申报路径没有计算出的时限。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>term ended: record what happened</source>
        <translation>有效期已届满：请记录后续情况</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(provisional: the China holiday calendar for that year is not published)</source>
        <translation>(暂定：该年度中国节假日安排尚未公布)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Deadlines</source>
        <translation>时限</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>agency acted by the goal date: %1</source>
        <translation>药监机构在目标日期前作出决定：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>agency acted after the goal date: %1</source>
        <translation>药监机构在目标日期后作出决定：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>met</source>
        <translation>已按期完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>missed</source>
        <translation>已错过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>stopped</source>
        <translation>已停止计时</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Mark as happened…</source>
        <translation>标记为已发生…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit event…</source>
        <translation>编辑事件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete event…</source>
        <translation>删除事件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open source</source>
        <translation>打开来源</translation>
    </message>
</context>
<context>
    <name>TrialLinkDialog</name>
    <message>
        <location filename="../../ui/dialogs/trial_link_dialog.py" line="+93"/>
        <source>Reading the stored trials…</source>
        <translation>正在读取已存储的试验…</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n trial(s)</source>
        <translation>
            <numerusform>%n 项临床试验</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This trial is linked to “%1” now; linking it here moves it.</source>
        <translation>此试验目前关联到“%1”；在此关联会将其移到本产品。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the trial to link.</source>
        <translation>请选择要关联的试验。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Link a trial</source>
        <translation>关联试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a stored trial registration to link to “%1”. Registrations are added by importing a registry’s download.</source>
        <translation>选择一项已存储的试验登记，关联到“%1”。试验登记通过导入注册平台的下载文件添加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier, title, sponsor, condition, country…</source>
        <translation>注册号、标题、申办方、适应症、国家…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored trial registrations</source>
        <translation>已存储的试验登记</translation>
    </message>
</context>
<context>
    <name>TrialsPage</name>
    <message>
        <location filename="../../ui/trials_page.py" line="+183"/>
        <source>Search identifier, title, sponsor, condition, country…</source>
        <translation>搜索登记号、标题、申办者、疾病、国家…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All registries</source>
        <translation>全部登记平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <location line="+26"/>
        <source>%n trial(s)</source>
        <translation>
            <numerusform>%n 项临床试验</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrialsPanel</name>
    <message>
        <location filename="../../ui/trials_panel.py" line="+150"/>
        <source>Statuses are the registries’ as last imported. Trials that had not started by %1 are greyed.</source>
        <translation>状态为最近一次导入时注册平台的记录。截至 %1 尚未开始的试验以灰色显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trials</source>
        <translation>临床试验</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Trials linked to this product</source>
        <translation>关联到此产品的试验</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Link a trial…</source>
        <translation>关联试验…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link a stored trial registration to this product</source>
        <translation>将已存储的试验登记关联到此产品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlink…</source>
        <translation>取消关联…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlink the selected trial from this product</source>
        <translation>取消所选试验与此产品的关联</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No trial registrations are linked to this product.</source>
        <translation>没有与该产品关联的临床试验登记。</translation>
    </message>
</context>
<context>
    <name>TrialsTableModel</name>
    <message>
        <location filename="../../ui/trials_page.py" line="-187"/>
        <source>%1 (estimated)</source>
        <translation>%1(预计)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Registry</source>
        <translation>登记平台</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identifier</source>
        <translation>登记号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phases</source>
        <translation>分期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>试验状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completion</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enrolment</source>
        <translation>受试者人数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sponsor</source>
        <translation>申办者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Countries</source>
        <translation>国家</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../ui/dialogs/verify_dialog.py" line="+62"/>
        <location line="+7"/>
        <source>Mark as verified</source>
        <translation>标记为已核对</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Record that %1 was checked today against a source? The track itself is not changed; the check is recorded in the audit trail.</source>
        <translation>记录 %1 今天已依据来源核对？申报路径本身不会改动；此次核对将记入审计追踪。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Source checked:</source>
        <translation>核对来源(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register entry, label, annual report, URL …</source>
        <translation>注册信息、说明书、年报、网址……</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../ui/window_actions.py" line="+167"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New product…</source>
        <translation>新建产品(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &amp;product…</source>
        <translation>编辑产品(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete product…</source>
        <translation>删除产品(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;track…</source>
        <translation>新建申报路径(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;event…</source>
        <translation>新建事件(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ed&amp;it event…</source>
        <translation>编辑事件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete e&amp;vent…</source>
        <translation>删除事件(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find product</source>
        <translation>查找产品(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear search and filters</source>
        <translation>清除搜索和筛选条件(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Products</source>
        <translation>产品(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Deadlines</source>
        <translation>时限(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit trail</source>
        <translation>审计追踪(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Timelines</source>
        <translation>时间线(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What &amp;changed</source>
        <translation>变化报告(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Landscape</source>
        <translation>格局概览(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;rials</source>
        <translation>临床试验(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify audit chain</source>
        <translation>校验审计链(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About mscreg</source>
        <translation>关于 mscreg(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U) %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R) %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
</context>
<context>
    <name>WorkspaceLoader</name>
    <message>
        <location filename="../../ui/workspace_loader.py" line="+235"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Reading products…</source>
        <translation>正在读取产品…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Computing deadlines…</source>
        <translation>正在计算时限…</translation>
    </message>
</context>
<context>
    <name>WorkspaceSession</name>
    <message>
        <location filename="../../ui/workspace_session.py" line="+99"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>Reading products…</source>
        <translation>正在读取产品…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Preparing pinyin search…</source>
        <translation>正在准备拼音搜索…</translation>
    </message>
</context>
</TS>
