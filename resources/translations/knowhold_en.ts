<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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
