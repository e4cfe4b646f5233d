<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>The log is intact: %n record(s), each chained to the one before.</source>
        <translation>
            <numerusform>The log is intact: %n record, chained to the one before.</numerusform>
            <numerusform>The log is intact: %n records, each chained to the one before.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntryPane</name>
    <message numerus="yes">
        <source>Entries in the Trash: %n. Delete them and all their versions for good? This cannot be undone.</source>
        <translation>
            <numerusform>Entries in the Trash: %n. Delete them and all their versions for good? This cannot be undone.</numerusform>
            <numerusform>Entries in the Trash: %n. Delete them and all their versions for good? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Emptied the Trash. Deleted for good: %n.</source>
        <translation>
            <numerusform>Emptied the Trash. Deleted for good: %n.</numerusform>
            <numerusform>Emptied the Trash. Deleted for good: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingsMarker</name>
    <message numerus="yes">
        <source>%n sensitive</source>
        <translation>
            <numerusform>%n sensitive</numerusform>
            <numerusform>%n sensitive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive data in this entry: %n. It stays in your vault; a license that includes this entry asks you to redact or allow it first.</source>
        <translation>
            <numerusform>Possibly sensitive data in this entry: %n. It stays in your vault; a license that includes this entry asks you to redact or allow it first.</numerusform>
            <numerusform>Possibly sensitive data in this entry: %n. It stays in your vault; a license that includes this entry asks you to redact or allow it first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive items: %n. Show the list.</source>
        <translation>
            <numerusform>Possibly sensitive items: %n. Show the list.</numerusform>
            <numerusform>Possibly sensitive items: %n. Show the list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message numerus="yes">
        <source>%n new entries imported.</source>
        <translation>
            <numerusform>%n new entry imported.</numerusform>
            <numerusform>%n new entries imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries updated from changed files (their earlier text stays in the history).</source>
        <translation>
            <numerusform>%n entry updated from a changed file (its earlier text stays in the history).</numerusform>
            <numerusform>%n entries updated from changed files (their earlier text stays in the history).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files were already imported and unchanged.</source>
        <translation>
            <numerusform>%n file was already imported and unchanged.</numerusform>
            <numerusform>%n files were already imported and unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped, listed below with the reason.</source>
        <translation>
            <numerusform>%n file skipped, listed below with the reason.</numerusform>
            <numerusform>%n files skipped, listed below with the reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You cancelled the export after %n entries. The files written so far are in {folder}; exporting into the same folder again completes it.</source>
        <translation>
            <numerusform>You cancelled the export after %n entry. The files written so far are in {folder}; exporting into the same folder again completes it.</numerusform>
            <numerusform>You cancelled the export after %n entries. The files written so far are in {folder}; exporting into the same folder again completes it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to {folder}.</source>
        <translation>
            <numerusform>%n entry exported to {folder}.</numerusform>
            <numerusform>%n entries exported to {folder}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files of entries no longer in the vault were removed from it.</source>
        <translation>
            <numerusform>%n file of an entry no longer in the vault was removed from it.</numerusform>
            <numerusform>%n files of entries no longer in the vault were removed from it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries restored into a new vault, “{name}”, in {folder}.</source>
        <translation>
            <numerusform>%n entry restored into a new vault, “{name}”, in {folder}.</numerusform>
            <numerusform>%n entries restored into a new vault, “{name}”, in {folder}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>{name}, %n entries</source>
        <translation>
            <numerusform>{name}, %n entry</numerusform>
            <numerusform>{name}, %n entries</numerusform>
        </translation>
    </message>
</context>
</TS>
