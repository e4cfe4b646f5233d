<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AcceptDialog</name>
    <message numerus="yes">
        <source>{licensor} licensed %n entries to you under license {license}. Read the terms again: accepting them is your signed word that you agree to exactly these.</source>
        <translation>
            <numerusform>{licensor} licensed %n entry to you under license {license}. Read the terms again: accepting them is your signed word that you agree to exactly these.</numerusform>
            <numerusform>{licensor} licensed %n entries to you under license {license}. Read the terms again: accepting them is your signed word that you agree to exactly these.</numerusform>
        </translation>
    </message>
</context>
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
    <name>DonePage</name>
    <message numerus="yes">
        <source>Hello {licensee},

I have licensed %n entries of my work knowledge to you, until {end}. The attached file {file} is a Knowhold license package; only your Knowhold vault can open it.

To open it, in the Knowhold app choose File ▸ Open License… (or drop the file on its window), read the report and add it to your library. On the command line: knowhold verify {file}, then knowhold received ingest {file}.

Once you have read the terms, please accept them in Knowhold and send me the receipt it saves.</source>
        <translation>
            <numerusform>Hello {licensee},

I have licensed %n entry of my work knowledge to you, until {end}. The attached file {file} is a Knowhold license package; only your Knowhold vault can open it.

To open it, in the Knowhold app choose File ▸ Open License… (or drop the file on its window), read the report and add it to your library. On the command line: knowhold verify {file}, then knowhold received ingest {file}.

Once you have read the terms, please accept them in Knowhold and send me the receipt it saves.</numerusform>
            <numerusform>Hello {licensee},

I have licensed %n entries of my work knowledge to you, until {end}. The attached file {file} is a Knowhold license package; only your Knowhold vault can open it.

To open it, in the Knowhold app choose File ▸ Open License… (or drop the file on its window), read the report and add it to your library. On the command line: knowhold verify {file}, then knowhold received ingest {file}.

Once you have read the terms, please accept them in Knowhold and send me the receipt it saves.</numerusform>
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
    <name>FindBar</name>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
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
    <name>LicenseDetail</name>
    <message numerus="yes">
        <source>Entries, as licensed (%n)</source>
        <translation>
            <numerusform>Entry, as licensed (%n)</numerusform>
            <numerusform>Entries, as licensed (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LicensePane</name>
    <message numerus="yes">
        <source>{licensor}, license {license}: %n entries</source>
        <translation>
            <numerusform>{licensor}, license {license}: %n entry</numerusform>
            <numerusform>{licensor}, license {license}: %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenPackageDialog</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishBanner</name>
    <message numerus="yes">
        <source>Your status has never been published, and %n license(s) changed or name a status address: their licensees learn of it only from a status document.</source>
        <translation>
            <numerusform>Your status has never been published, and %n license changed or names a status address: its licensee learns of it only from a status document.</numerusform>
            <numerusform>Your status has never been published, and %n licenses changed or name a status address: their licensees learn of it only from a status document.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n license(s) changed since you last published your status: their licensees learn of it only from a new status document.</source>
        <translation>
            <numerusform>%n license changed since you last published your status: its licensee learns of it only from a new status document.</numerusform>
            <numerusform>%n licenses changed since you last published your status: their licensees learn of it only from a new status document.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RefreshWords</name>
    <message numerus="yes">
        <source>Status refreshed: %n license(s) changed.</source>
        <translation>
            <numerusform>Status refreshed: %n license changed.</numerusform>
            <numerusform>Status refreshed: %n licenses changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status address(es) could not be reached.</source>
        <translation>
            <numerusform>%n status address could not be reached.</numerusform>
            <numerusform>%n status addresses could not be reached.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent skill(s) of ended licenses removed.</source>
        <translation>
            <numerusform>%n agent skill of ended licenses removed.</numerusform>
            <numerusform>%n agent skills of ended licenses removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message numerus="yes">
        <source>+%n day(s)</source>
        <translation>
            <numerusform>+%n day</numerusform>
            <numerusform>+%n days</numerusform>
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
        <source>%n files the notes refer to were attached to them.</source>
        <translation>
            <numerusform>%n file the notes refer to was attached to them.</numerusform>
            <numerusform>%n files the notes refer to were attached to them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notes were not in UTF-8 and were read as {encodings}: glance at them once.</source>
        <translation>
            <numerusform>%n note was not in UTF-8 and was read as {encodings}: glance at it once.</numerusform>
            <numerusform>%n notes were not in UTF-8 and were read as {encodings}: glance at them once.</numerusform>
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
        <source>%n attached files were written beside the notes.</source>
        <translation>
            <numerusform>%n attached file was written beside the notes.</numerusform>
            <numerusform>%n attached files were written beside the notes.</numerusform>
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
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n entries will leave your vault for {name}.</source>
        <translation>
            <numerusform>%n entry will leave your vault for {name}.</numerusform>
            <numerusform>%n entries will leave your vault for {name}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive items: %n (redacted: {redacted}, included as written: {included}).</source>
        <translation>
            <numerusform>Possibly sensitive items: %n (redacted: {redacted}, included as written: {included}).</numerusform>
            <numerusform>Possibly sensitive items: %n (redacted: {redacted}, included as written: {included}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out on review: %n entries.</source>
        <translation>
            <numerusform>Left out on review: %n entry.</numerusform>
            <numerusform>Left out on review: %n entries.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachments leaving with them: %n.</source>
        <translation>
            <numerusform>Attachments leaving with them: %n.</numerusform>
            <numerusform>Attachments leaving with them: %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n damaged images cannot be cleaned of their metadata: leave out their entries or the attachments to go on.</source>
        <translation>
            <numerusform>%n damaged image cannot be cleaned of its metadata: leave out its entry or the attachments to go on.</numerusform>
            <numerusform>%n damaged images cannot be cleaned of their metadata: leave out their entries or the attachments to go on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sensitive</source>
        <translation>
            <numerusform>%n sensitive</numerusform>
            <numerusform>%n sensitive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoking reaches them through {url}; their copy locks after %n days without a fresh status.</source>
        <translation>
            <numerusform>Revoking reaches them through {url}; their copy locks after %n day without a fresh status.</numerusform>
            <numerusform>Revoking reaches them through {url}; their copy locks after %n days without a fresh status.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message numerus="yes">
        <source>License {id}: %n entry(ies), ending {date}.</source>
        <translation>
            <numerusform>License {id}: %n entry, ending {date}.</numerusform>
            <numerusform>License {id}: %n entries, ending {date}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavePage</name>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionPage</name>
    <message numerus="yes">
        <source>%n entries chosen</source>
        <translation>
            <numerusform>%n entry chosen</numerusform>
            <numerusform>%n entries chosen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>{name}, %n licenses</source>
        <translation>
            <numerusform>{name}, %n license</numerusform>
            <numerusform>{name}, %n licenses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}, %n entries</source>
        <translation>
            <numerusform>{name}, %n entry</numerusform>
            <numerusform>{name}, %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusCount</name>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TermsPage</name>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message numerus="yes">
        <source>ended %n day(s) ago</source>
        <translation>
            <numerusform>ended %n day ago</numerusform>
            <numerusform>ended %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ended %n hour(s) ago</source>
        <translation>
            <numerusform>ended %n hour ago</numerusform>
            <numerusform>ended %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
</TS>
