<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditView</name>
    <message numerus="yes">
        <location filename="../../ui/audit_view.py" line="+476"/>
        <source>%1 of %n change(s)</source>
        <translation>
            <numerusform>%1 of %n change</numerusform>
            <numerusform>%1 of %n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangesPage</name>
    <message numerus="yes">
        <location filename="../../ui/changes_page.py" line="+191"/>
        <source>%n change(s) in %1 countries or regions; %2 data edit(s).</source>
        <translation>
            <numerusform>%n change in %1 countries or regions; %2 data edit.</numerusform>
            <numerusform>%n changes in %1 countries or regions; %2 data edits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DateDisplay</name>
    <message numerus="yes">
        <location filename="../../ui/date_display.py" line="+85"/>
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>at the latest in %n day(s)</source>
        <translation>
            <numerusform>at the latest in %n day</numerusform>
            <numerusform>at the latest in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlineNotice</name>
    <message numerus="yes">
        <location filename="../../ui/deadline_notice.py" line="+98"/>
        <source>%n deadline(s) overdue</source>
        <translation>
            <numerusform>%n deadline overdue</numerusform>
            <numerusform>%n deadlines overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n deadline(s) due</source>
        <translation>
            <numerusform>%n deadline due</numerusform>
            <numerusform>%n deadlines due</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>within the next %n day(s)</source>
        <translation>
            <numerusform>within the next %n day</numerusform>
            <numerusform>within the next %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlinesDashboard</name>
    <message numerus="yes">
        <location filename="../../ui/deadlines_dashboard.py" line="+362"/>
        <source>%n open deadline(s)</source>
        <translation>
            <numerusform>%n open deadline</numerusform>
            <numerusform>%n open deadlines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>To review: %n track(s) not verified against a source for %1 months or more</source>
        <translation>
            <numerusform>To review: %n track not verified against a source for %1 months or more</numerusform>
            <numerusform>To review: %n tracks not verified against a source for %1 months or more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <location filename="../../ui/exchange_dialogs.py" line="+449"/>
        <source>Writing %1 of %n record(s)…</source>
        <translation>
            <numerusform>Writing %1 of %n record…</numerusform>
            <numerusform>Writing %1 of %n records…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Checking %n row(s)…</source>
        <translation>
            <numerusform>Checking %n row…</numerusform>
            <numerusform>Checking %n rows…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message numerus="yes">
        <location line="-201"/>
        <source>The file is refused: nothing will be written. Errors found: %n</source>
        <translation>
            <numerusform>The file is refused: nothing will be written. Errors found: %n</numerusform>
            <numerusform>The file is refused: nothing will be written. Errors found: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message numerus="yes">
        <location filename="../../ui/status_line.py" line="+63"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n product(s) shown</source>
        <translation>
            <numerusform>%1 of %n product shown</numerusform>
            <numerusform>%1 of %n products shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message numerus="yes">
        <location filename="../../ui/timeline_panel.py" line="+272"/>
        <source>%n lane(s)</source>
        <translation>
            <numerusform>%n lane</numerusform>
            <numerusform>%n lanes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrialLinkDialog</name>
    <message numerus="yes">
        <location filename="../../ui/dialogs/trial_link_dialog.py" line="+121"/>
        <source>%n trial(s)</source>
        <translation>
            <numerusform>%n trial</numerusform>
            <numerusform>%n trials</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrialsPage</name>
    <message numerus="yes">
        <location filename="../../ui/trials_page.py" line="+196"/>
        <location line="+26"/>
        <source>%n trial(s)</source>
        <translation>
            <numerusform>%n trial</numerusform>
            <numerusform>%n trials</numerusform>
        </translation>
    </message>
</context>
</TS>
