<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit Log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Audit records</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>正在读取日志…</translation>
    </message>
    <message>
        <source>Whether the log is intact</source>
        <translation>日志是否完整</translation>
    </message>
    <message>
        <source>&amp;Verify Log</source>
        <translation>校验日志(&amp;V)</translation>
    </message>
    <message numerus="yes">
        <source>The log is intact: %n record(s), each chained to the one before.</source>
        <translation>
            <numerusform>日志完整：共 %n 条记录，每条都与前一条相链。</numerusform>
        </translation>
    </message>
    <message>
        <source>The log was altered: {reason}. Records after that point cannot be trusted.</source>
        <translation>日志已被改动：{reason}。从该处起的记录不可信。</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>License</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>License issued</source>
        <translation>已签发授权</translation>
    </message>
    <message>
        <source>License revoked</source>
        <translation>已撤销授权</translation>
    </message>
    <message>
        <source>License renewed</source>
        <translation>已续期授权</translation>
    </message>
    <message>
        <source>Status published</source>
        <translation>已发布状态</translation>
    </message>
    <message>
        <source>Receipt imported</source>
        <translation>已导入回执</translation>
    </message>
    <message>
        <source>License received</source>
        <translation>已收到授权</translation>
    </message>
    <message>
        <source>Entries read</source>
        <translation>已阅读条目</translation>
    </message>
    <message>
        <source>Terms accepted</source>
        <translation>已接受条款</translation>
    </message>
    <message>
        <source>Exported as a skill</source>
        <translation>已导出为技能</translation>
    </message>
    <message>
        <source>Content destroyed</source>
        <translation>内容已销毁</translation>
    </message>
    <message>
        <source>Status refreshed</source>
        <translation>已刷新状态</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change Passphrase</source>
        <translation>更改主密码</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前主密码</translation>
    </message>
    <message>
        <source>&amp;Current passphrase</source>
        <translation>当前主密码(&amp;C)</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新主密码</translation>
    </message>
    <message>
        <source>Repeat new passphrase</source>
        <translation>确认新主密码</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>新主密码(&amp;N)</translation>
    </message>
    <message>
        <source>Backups you made before now still open with the passphrase they were made with.</source>
        <translation>在此之前创建的备份，仍然用当时的主密码打开。</translation>
    </message>
    <message>
        <source>Also give the vault a new &amp;encryption key</source>
        <translation>同时为保险库更换加密密钥(&amp;E)</translation>
    </message>
    <message>
        <source>Also give the vault a new encryption key</source>
        <translation>同时为保险库更换加密密钥</translation>
    </message>
    <message>
        <source>Copies of the old key file then no longer open this vault; you get a new recovery code, and it takes longer for a large vault.</source>
        <translation>此后旧密钥文件的副本将无法打开此保险库；你会得到新的恢复码，保险库较大时需要更长时间。</translation>
    </message>
    <message>
        <source>Change passphrase error</source>
        <translation>更改主密码出错</translation>
    </message>
    <message>
        <source>Changing the passphrase</source>
        <translation>正在更改主密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The vault has a new key. This is your new recovery code; the old one no longer works.</source>
        <translation>保险库已更换新密钥。这是你的新恢复码，旧的恢复码已失效。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>正在更改…</translation>
    </message>
    <message>
        <source>That is not your current passphrase. Type it again.</source>
        <translation>当前主密码不正确，请重新输入。</translation>
    </message>
</context>
<context>
    <name>Choose</name>
    <message>
        <source>Import Markdown Files</source>
        <translation>导入 Markdown 文件</translation>
    </message>
    <message>
        <source>Markdown files (*.md *.markdown);;All files (*)</source>
        <translation>Markdown 文件 (*.md *.markdown);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a Folder of Markdown Notes</source>
        <translation>导入 Markdown 笔记文件夹</translation>
    </message>
    <message>
        <source>Export as Markdown (not encrypted): choose an empty folder</source>
        <translation>导出为 Markdown（不加密）：请选择一个空文件夹</translation>
    </message>
    <message>
        <source>Back Up the Vault (encrypted)</source>
        <translation>备份保险库（加密）</translation>
    </message>
    <message>
        <source>Knowhold backups (*.backup);;All files (*)</source>
        <translation>Knowhold 备份 (*.backup);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export My Identity Card</source>
        <translation>导出我的身份名片</translation>
    </message>
    <message>
        <source>Knowhold cards (*.card);;All files (*)</source>
        <translation>Knowhold 名片 (*.card);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Where to Put the Restored Vault</source>
        <translation>选择恢复后的保险库存放位置</translation>
    </message>
</context>
<context>
    <name>CreateVaultWizard</name>
    <message>
        <source>Create your Knowhold vault</source>
        <translation>创建你的 Knowhold 保险库</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>私密</translation>
    </message>
    <message>
        <source>A private entry is never included in a license.</source>
        <translation>私密条目不会被纳入任何授权。</translation>
    </message>
    <message>
        <source>Private: never licensed</source>
        <translation>私密：永不授权</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>编写</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Write or preview</source>
        <translation>编写或预览</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Select an entry to read or edit it, or press Ctrl+N to write a new one.</source>
        <translation>选择一个条目即可查看或编辑，也可以按 Ctrl+N 新建条目。</translation>
    </message>
    <message>
        <source>New entry: saved as soon as you write</source>
        <translation>新条目：开始输入后会自动保存</translation>
    </message>
    <message>
        <source>Not saved as tags: {words}. A tag has no spaces, commas or #, and at most 64 characters.</source>
        <translation>以下内容未保存为标签：{words}。标签不能包含空格、逗号或 #，最多 64 个字符。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>已于 {time} 保存</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>EntryPane</name>
    <message>
        <source>This entry is in the Trash. Restore it to edit it.</source>
        <translation>此条目在回收站中，恢复后才能编辑。</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Delete for &amp;Good…</source>
        <translation>永久删除(&amp;G)…</translation>
    </message>
    <message>
        <source>Moved “{title}” to the Trash.</source>
        <translation>已将“{title}”移到回收站。</translation>
    </message>
    <message>
        <source>Restored “{title}”.</source>
        <translation>已恢复“{title}”。</translation>
    </message>
    <message>
        <source>Delete for Good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <source>Delete “{title}” and all its versions for good? This cannot be undone.</source>
        <translation>要永久删除“{title}”及其所有版本吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Deleted “{title}” for good.</source>
        <translation>已永久删除“{title}”。</translation>
    </message>
    <message>
        <source>Empty Trash</source>
        <translation>清空回收站</translation>
    </message>
    <message numerus="yes">
        <source>Entries in the Trash: %n. Delete them and all their versions for good? This cannot be undone.</source>
        <translation>
            <numerusform>回收站中有 %n 个条目。要永久删除它们及其所有版本吗？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Emptied the Trash. Deleted for good: %n.</source>
        <translation>
            <numerusform>已清空回收站，永久删除了 %n 个条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>Restored an earlier version.</source>
        <translation>已恢复到较早的版本。</translation>
    </message>
</context>
<context>
    <name>EntryTable</name>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
</context>
<context>
    <name>FindingsMarker</name>
    <message numerus="yes">
        <source>%n sensitive</source>
        <translation>
            <numerusform>%n 处敏感信息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive data in this entry: %n. It stays in your vault; a license that includes this entry asks you to redact or allow it first.</source>
        <translation>
            <numerusform>此条目中可能有 %n 处敏感信息。它们会留在你的保险库里；如果某项授权包含此条目，会先请你脱敏或确认允许。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive items: %n. Show the list.</source>
        <translation>
            <numerusform>可能有 %n 处敏感信息。显示列表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Possibly sensitive data (masked)</source>
        <translation>可能的敏感信息（已部分隐藏）</translation>
    </message>
    <message>
        <source>Select it in the entry</source>
        <translation>在条目中选中此处</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of “{title}”</source>
        <translation>“{title}”的历史记录</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Loading the versions…</source>
        <translation>正在加载版本…</translation>
    </message>
    <message>
        <source>Lines marked − (red) are only in the chosen version; + (green) were added since.</source>
        <translation>标有 −（红色）的行只存在于所选版本中；标有 +（绿色）的行是之后新增的。</translation>
    </message>
    <message>
        <source>Changes since the chosen version</source>
        <translation>所选版本之后的改动</translation>
    </message>
    <message>
        <source>&amp;Restore This Version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <source>This is the only version so far: every later save adds one here.</source>
        <translation>目前只有这一个版本。之后每次保存，都会在这里新增一个版本。</translation>
    </message>
    <message>
        <source>Title: {old} → {new}</source>
        <translation>标题：{old} → {new}</translation>
    </message>
    <message>
        <source>Kind: {old} → {new}</source>
        <translation>类型：{old} → {new}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Tags: {old} → {new}</source>
        <translation>标签：{old} → {new}</translation>
    </message>
    <message>
        <source>Private: {old} → {new}</source>
        <translation>私密：{old} → {new}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Version {number} is the current text.</source>
        <translation>版本 {number} 就是当前内容。</translation>
    </message>
    <message>
        <source>What changed from version {number} to the current text:</source>
        <translation>从版本 {number} 到当前内容的改动：</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{name} — Knowhold</source>
        <translation>{name} — Knowhold</translation>
    </message>
    <message>
        <source>Knowhold</source>
        <translation>Knowhold</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>The trash is empty. Deleted entries wait here until you empty it.</source>
        <translation>回收站是空的。删除的条目会先放在这里，直到你清空回收站。</translation>
    </message>
    <message>
        <source>No {kind} entries yet: press Ctrl+N to write one.</source>
        <translation>还没有“{kind}”类型的条目。按 Ctrl+N 新建一条。</translation>
    </message>
    <message>
        <source>No entries are tagged #{tag}.</source>
        <translation>没有带 #{tag} 标签的条目。</translation>
    </message>
    <message>
        <source>No entries yet: press Ctrl+N to write your first heuristic, or bring in your notes with File ▸ Import Folder… or by dropping Markdown files or folders on this window.</source>
        <translation>还没有条目。按 Ctrl+N 写下你的第一条经验法则，或者通过“文件 ▸ 导入文件夹…”导入你的笔记，也可以把 Markdown 文件或文件夹拖到这个窗口上。</translation>
    </message>
    <message>
        <source>More than {count} results</source>
        <translation>超过 {count} 条结果</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing matches “{query}”. Try fewer words, or the start of a word and *.</source>
        <translation>没有与“{query}”匹配的内容。试试少用几个词，或只输入词的开头再加 *。</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>About Knowhold</source>
        <translation>关于 Knowhold</translation>
    </message>
    <message>
        <source>Knowhold {version}

Your work knowledge, in an encrypted vault on this computer. You decide what to license, to whom, and for how long.</source>
        <translation>Knowhold {version}

你的工作知识，保存在这台电脑上的加密保险库中。授权哪些内容、授权给谁、授权多久，都由你决定。</translation>
    </message>
</context>
<context>
    <name>MarkdownEditor</name>
    <message>
        <source>Write here. Markdown works: # heading, **bold**, - list.</source>
        <translation>在这里输入。支持 Markdown：# 标题、**粗体**、- 列表。</translation>
    </message>
    <message>
        <source>Entry text (Markdown)</source>
        <translation>条目正文（Markdown）</translation>
    </message>
</context>
<context>
    <name>MyIdentityDialog</name>
    <message>
        <source>My Identity Card</source>
        <translation>我的身份名片</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Fingerprint as a QR code</source>
        <translation>指纹二维码</translation>
    </message>
    <message>
        <source>Send your card to the people you license knowledge to. Then compare this fingerprint with them aloud or on paper, never through the same channel as the card: that is how they know the card is really yours.</source>
        <translation>把你的名片发给你要授权知识的人。然后当面念出或在纸上与对方核对这个指纹，切勿通过发送名片的同一渠道核对：这样对方才能确认名片确实是你的。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Export My Card…</source>
        <translation>导出我的名片(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy Card as Text</source>
        <translation>以文本复制名片(&amp;C)</translation>
    </message>
    <message>
        <source>Saved your card to {path}. Send that file, then compare fingerprints.</source>
        <translation>名片已保存到 {path}。发送该文件，然后核对指纹。</translation>
    </message>
    <message>
        <source>Copied your card. Paste it into a message, then compare fingerprints.</source>
        <translation>名片已复制。把它粘贴到消息中发送，然后核对指纹。</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message>
        <source>Your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Shown on the licenses you give, so an employer can see who they come from.</source>
        <translation>会显示在你发出的授权上，让雇主知道授权来自谁。</translation>
    </message>
    <message>
        <source>For example: Li Wei</source>
        <translation>例如：李伟</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
</context>
<context>
    <name>NewPassphrase</name>
    <message>
        <source>&amp;Show passphrase</source>
        <translation>显示密码(&amp;S)</translation>
    </message>
    <message>
        <source>Passphrase mismatch</source>
        <translation>密码不一致</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>NewRecoveryCodeDialog</name>
    <message>
        <source>New Recovery Code</source>
        <translation>新的恢复码</translation>
    </message>
    <message>
        <source>A new recovery code replaces the one you have: the old code will no longer open this vault. Backups you made before now still open with the old code.</source>
        <translation>新的恢复码会取代现有的恢复码，旧恢复码将无法再打开此保险库。在此之前创建的备份，仍然用旧恢复码打开。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>主密码</translation>
    </message>
    <message>
        <source>Type your &amp;passphrase to go on</source>
        <translation>输入主密码以继续(&amp;P)</translation>
    </message>
    <message>
        <source>New recovery code error</source>
        <translation>生成恢复码出错</translation>
    </message>
    <message>
        <source>Making a new recovery code</source>
        <translation>正在生成新的恢复码</translation>
    </message>
    <message>
        <source>Your new recovery code. If you forget your passphrase, it is the only way in.</source>
        <translation>这是你的新恢复码。如果忘记了主密码，它是进入保险库的唯一途径。</translation>
    </message>
    <message>
        <source>Make New Code</source>
        <translation>生成新恢复码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Making…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>That is not your passphrase. Type it again.</source>
        <translation>主密码不正确，请重新输入。</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>设置主密码</translation>
    </message>
    <message>
        <source>It encrypts your vault. A few unrelated words are easier to remember and harder to guess than a short password full of symbols.</source>
        <translation>主密码用于加密你的保险库。几个互不相关的词，比一串满是符号的短密码更好记，也更难被猜中。</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>创建保险库</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>主密码</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>确认主密码</translation>
    </message>
    <message>
        <source>Create error</source>
        <translation>创建出错</translation>
    </message>
    <message>
        <source>Creating your vault… Its key is made slow to guess on purpose: a second or so.</source>
        <translation>正在创建你的保险库… 为了防止密钥被暴力猜解，这一步会特意放慢，大约需要一秒。</translation>
    </message>
    <message>
        <source>Creating the vault</source>
        <translation>正在创建保险库</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling… Knowhold stops after the current step.</source>
        <translation>正在取消… Knowhold 会在当前步骤完成后停止。</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Recover your vault</source>
        <translation>恢复保险库</translation>
    </message>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>忘记主密码了？</translation>
    </message>
    <message>
        <source>Type the recovery code you wrote down when you created the vault, then choose a new passphrase.</source>
        <translation>请输入创建保险库时抄下的恢复码，然后设置新的主密码。</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>&amp;Recovery code</source>
        <translation>恢复码(&amp;R)</translation>
    </message>
    <message>
        <source>32 letters and digits. Spaces, dashes and case do not matter.</source>
        <translation>共 32 位字母和数字。空格、短横线和大小写都不影响。</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新主密码</translation>
    </message>
    <message>
        <source>Repeat new passphrase</source>
        <translation>确认新主密码</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>新主密码(&amp;N)</translation>
    </message>
    <message>
        <source>Recovery error</source>
        <translation>恢复出错</translation>
    </message>
    <message>
        <source>Recovering</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Recover and unlock</source>
        <translation>恢复并解锁</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Recovering…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>That recovery code does not open this vault. Check it against the one you wrote down and try again.</source>
        <translation>这个恢复码无法打开此保险库。请与你抄下的恢复码核对后再试。</translation>
    </message>
    <message>
        <source>The vault is open in another Knowhold window or command. Close it there, then try again.</source>
        <translation>保险库已在另一个 Knowhold 窗口或命令中打开。请先在那里关闭，然后再试。</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <source>Write down your recovery code</source>
        <translation>抄下你的恢复码</translation>
    </message>
    <message>
        <source>If you ever forget your passphrase, this code is the only way into your vault.</source>
        <translation>如果忘记了主密码，这个恢复码是进入保险库的唯一途径。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeView</name>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Write it on paper now and keep it somewhere safe, away from this computer. It is shown only this once: Knowhold keeps no copy.</source>
        <translation>请现在把它抄在纸上，存放在远离这台电脑的安全地方。恢复码只显示这一次，Knowhold 不会保留副本。</translation>
    </message>
    <message>
        <source>I have &amp;written it down</source>
        <translation>我已抄下(&amp;W)</translation>
    </message>
    <message>
        <source>I have written down the recovery code</source>
        <translation>我已抄下恢复码</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>not a Markdown file (.md or .markdown)</source>
        <translation>不是 Markdown 文件（.md 或 .markdown）</translation>
    </message>
    <message>
        <source>not an ordinary file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>a linked folder: links to folders are not followed</source>
        <translation>是指向文件夹的链接：不会跟随文件夹链接</translation>
    </message>
    <message>
        <source>a link to a file outside the chosen folder</source>
        <translation>是指向所选文件夹之外某个文件的链接</translation>
    </message>
    <message>
        <source>could not be read (check that you may open it)</source>
        <translation>无法读取（请检查你是否有权限打开它）</translation>
    </message>
    <message>
        <source>larger than 4 MiB</source>
        <translation>大于 4 MiB</translation>
    </message>
    <message>
        <source>not text in UTF-8 or UTF-16: a binary file, or text in another encoding</source>
        <translation>不是 UTF-8 或 UTF-16 文本：可能是二进制文件，或使用其他编码的文本</translation>
    </message>
    <message>
        <source>the block between the --- lines at its top (front matter) is not valid</source>
        <translation>文件开头两行 --- 之间的区块（front matter）无效</translation>
    </message>
    <message>
        <source>its title, tags or text were refused by the vault</source>
        <translation>保险库拒绝了它的标题、标签或正文</translation>
    </message>
    <message>
        <source>it has the same Knowhold id as another file</source>
        <translation>它的 Knowhold ID 与另一个文件相同</translation>
    </message>
    <message>
        <source>its entry is in the trash: restore the entry to update it</source>
        <translation>对应的条目在回收站中：恢复该条目后才能更新它</translation>
    </message>
    <message>
        <source>its title, tags or text hold control or invisible characters</source>
        <translation>其标题、标签或正文含有控制字符或不可见字符</translation>
    </message>
    <message>
        <source>You cancelled the import. What was imported before that is kept; importing the same files again adds only the rest.</source>
        <translation>你取消了导入。取消前已导入的内容会保留；再次导入相同的文件时，只会添加其余部分。</translation>
    </message>
    <message>
        <source>No files were found there to import.</source>
        <translation>那里没有找到可导入的文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n new entries imported.</source>
        <translation>
            <numerusform>已导入 %n 个新条目。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries updated from changed files (their earlier text stays in the history).</source>
        <translation>
            <numerusform>根据有改动的文件更新了 %n 个条目（之前的内容保留在历史记录中）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files were already imported and unchanged.</source>
        <translation>
            <numerusform>%n 个文件之前已导入，且没有改动。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files skipped, listed below with the reason.</source>
        <translation>
            <numerusform>跳过了 %n 个文件，下方列出了各自的原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Import Finished</source>
        <translation>导入完成</translation>
    </message>
    <message numerus="yes">
        <source>You cancelled the export after %n entries. The files written so far are in {folder}; exporting into the same folder again completes it.</source>
        <translation>
            <numerusform>你在导出 %n 个条目后取消了导出。已写入的文件在 {folder} 中；再次导出到同一个文件夹即可完成导出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries exported to {folder}.</source>
        <translation>
            <numerusform>已将 %n 个条目导出到 {folder}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files of entries no longer in the vault were removed from it.</source>
        <translation>
            <numerusform>已从该文件夹中删除 %n 个文件，它们对应的条目已不在保险库中。</numerusform>
        </translation>
    </message>
    <message>
        <source>These Markdown files are not encrypted: anyone who can open the folder can read them.</source>
        <translation>这些 Markdown 文件没有加密：任何能打开该文件夹的人都能读取它们。</translation>
    </message>
    <message>
        <source>Export Cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>Export Finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>The encrypted backup was saved as {file} ({size}).</source>
        <translation>加密备份已保存为 {file}（{size}）。</translation>
    </message>
    <message>
        <source>It is locked with this vault&apos;s key: it opens with the passphrase or recovery code the vault has now, even if you change them later.</source>
        <translation>它由此保险库的密钥加密：用保险库现在的主密码或恢复码即可打开，即使你以后更改了它们也是如此。</translation>
    </message>
    <message>
        <source>Backup Finished</source>
        <translation>备份完成</translation>
    </message>
    <message numerus="yes">
        <source>%n entries restored into a new vault, “{name}”, in {folder}.</source>
        <translation>
            <numerusform>已将 %n 个条目恢复到新的保险库“{name}”中，位于 {folder}。</numerusform>
        </translation>
    </message>
    <message>
        <source>The vault open in this window is unchanged.</source>
        <translation>此窗口中打开的保险库没有任何改动。</translation>
    </message>
    <message>
        <source>The restored vault opens with the passphrase or recovery code it had when the backup was made. “Open Restored Vault” opens it in a window of its own; later, start Knowhold with that folder as its vault: knowhold --vault &quot;{folder}&quot;</source>
        <translation>恢复的保险库要用创建备份时的主密码或恢复码打开。“打开恢复的保险库”会在单独的窗口中打开它；以后要使用它，请以该文件夹作为保险库启动 Knowhold：knowhold --vault &quot;{folder}&quot;</translation>
    </message>
    <message>
        <source>Restore Finished</source>
        <translation>恢复完成</translation>
    </message>
    <message>
        <source>You cancelled the backup. No backup file was written; an earlier file of the same name, if there was one, is unchanged.</source>
        <translation>你取消了备份。没有写入任何备份文件；如果之前已有同名文件，它不会被改动。</translation>
    </message>
    <message>
        <source>Backup Cancelled</source>
        <translation>备份已取消</translation>
    </message>
    <message>
        <source>You cancelled the restore. Nothing was written: no new vault was made.</source>
        <translation>你取消了恢复。没有写入任何内容，也没有创建新的保险库。</translation>
    </message>
    <message>
        <source>Restore Cancelled</source>
        <translation>恢复已取消</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Give the full path of a folder.</source>
        <translation>请填写文件夹的完整路径。</translation>
    </message>
    <message>
        <source>That is a file; give a name for a new folder.</source>
        <translation>这是一个文件，请填写新文件夹的名称。</translation>
    </message>
    <message>
        <source>That folder is not empty; give a new or empty folder.</source>
        <translation>该文件夹不是空的，请填写一个新文件夹或空文件夹。</translation>
    </message>
    <message>
        <source>That folder cannot be read; choose another.</source>
        <translation>无法读取该文件夹，请另选一个。</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restore {file} as a new vault. The vault open now is not changed.</source>
        <translation>将 {file} 恢复为一个新的保险库。当前打开的保险库不会有任何改动。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>主密码</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>Use the passphrase or recovery code the vault had when this backup was made.</source>
        <translation>请使用创建此备份时保险库的主密码或恢复码。</translation>
    </message>
    <message>
        <source>New vault folder:</source>
        <translation>新保险库文件夹：</translation>
    </message>
    <message>
        <source>Opens with:</source>
        <translation>打开方式：</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search ({shortcut})</source>
        <translation>搜索（{shortcut}）</translation>
    </message>
    <message>
        <source>Search entries</source>
        <translation>搜索条目</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>{title}: {snippet}</source>
        <translation>{title}：{snippet}</translation>
    </message>
</context>
<context>
    <name>SearchResultsView</name>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>闲置多少分钟后锁定</translation>
    </message>
    <message>
        <source>Lock the vault after this many minutes without typing or using the mouse.</source>
        <translation>连续这么多分钟没有键盘或鼠标操作后，锁定保险库。</translation>
    </message>
    <message>
        <source> sec</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Clear copied text after seconds</source>
        <translation>多少秒后清除复制的文本</translation>
    </message>
    <message>
        <source>Take text copied from an entry off the clipboard after this many seconds.</source>
        <translation>从条目中复制的文本，过这么多秒后会从剪贴板中清除。</translation>
    </message>
    <message>
        <source>Change &amp;Passphrase…</source>
        <translation>更改主密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>更改主密码</translation>
    </message>
    <message>
        <source>Recovery code status</source>
        <translation>恢复码状态</translation>
    </message>
    <message>
        <source>Make a &amp;New Recovery Code…</source>
        <translation>生成新恢复码(&amp;N)…</translation>
    </message>
    <message>
        <source>Make a new recovery code</source>
        <translation>生成新恢复码</translation>
    </message>
    <message>
        <source>Security message</source>
        <translation>安全提示</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>&amp;Lock when idle for:</source>
        <translation>闲置多久后锁定(&amp;L)：</translation>
    </message>
    <message>
        <source>Clear &amp;copied text after:</source>
        <translation>多久后清除复制的文本(&amp;C)：</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>主密码：</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>恢复码：</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Editor text size</source>
        <translation>编辑器字号</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Editor text &amp;size:</source>
        <translation>编辑器字号(&amp;S)：</translation>
    </message>
    <message>
        <source>Your passphrase was changed.</source>
        <translation>你的主密码已更改。</translation>
    </message>
    <message>
        <source>You have a new recovery code. The old one no longer opens this vault.</source>
        <translation>你已有新的恢复码。旧恢复码无法再打开此保险库。</translation>
    </message>
    <message>
        <source>A recovery code is set up</source>
        <translation>已设置恢复码</translation>
    </message>
    <message>
        <source>No recovery code</source>
        <translation>未设置恢复码</translation>
    </message>
    <message>
        <source>Make a &amp;Recovery Code…</source>
        <translation>生成恢复码(&amp;R)…</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sidebar: what the list shows</source>
        <translation>侧边栏：选择列表显示的内容</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>All entries</source>
        <translation>全部条目</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <source>{name}, %n entries</source>
        <translation>
            <numerusform>{name}，%n 个条目</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SkippedModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it was skipped</source>
        <translation>跳过原因</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <source>Very weak</source>
        <translation>很弱</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>Fair, but not strong enough</source>
        <translation>一般，还不够强</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>很强</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>密码强度</translation>
    </message>
    <message>
        <source>A few unrelated words make a strong passphrase.</source>
        <translation>几个互不相关的词，就能组成一个强密码。</translation>
    </message>
    <message>
        <source>Good. Make sure you will remember it.</source>
        <translation>很好。请确保自己能记住它。</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Open Restored Vault</source>
        <translation>打开恢复的保险库</translation>
    </message>
    <message>
        <source>Restore Finished</source>
        <translation>恢复完成</translation>
    </message>
    <message>
        <source>Knowhold could not start a second window. Start it on {folder}.</source>
        <translation>Knowhold 无法打开第二个窗口。请以 {folder} 作为保险库启动它。</translation>
    </message>
</context>
<context>
    <name>TagEdit</name>
    <message>
        <source>Tags, separated by spaces</source>
        <translation>标签，用空格分隔</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Knowhold backup {date}</source>
        <translation>Knowhold 备份 {date}</translation>
    </message>
    <message>
        <source>{name} restored {date}</source>
        <translation>{name} 恢复于 {date}</translation>
    </message>
    <message>
        <source>Import Failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Importing Markdown files into the vault…</source>
        <translation>正在将 Markdown 文件导入保险库…</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Exporting every entry as a Markdown file…</source>
        <translation>正在将每个条目导出为 Markdown 文件…</translation>
    </message>
    <message>
        <source>Backup Failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backing Up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Writing an encrypted backup of the vault…</source>
        <translation>正在写入保险库的加密备份…</translation>
    </message>
    <message>
        <source>That does not open this backup. Use the passphrase or recovery code the vault had when the backup was made.</source>
        <translation>无法用它打开此备份。请使用创建备份时保险库的主密码或恢复码。</translation>
    </message>
    <message>
        <source>Restore Failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>Restoring the backup as a new vault…</source>
        <translation>正在将备份恢复为新的保险库…</translation>
    </message>
    <message>
        <source>Wait until the current import, export or backup has finished.</source>
        <translation>请等待当前的导入、导出或备份完成。</translation>
    </message>
    <message>
        <source>{done} of {total}: {file}</source>
        <translation>第 {done} 个，共 {total} 个：{file}</translation>
    </message>
    <message>
        <source>Copying the encrypted database…</source>
        <translation>正在复制加密数据库…</translation>
    </message>
    <message>
        <source>Writing the backup file…</source>
        <translation>正在写入备份文件…</translation>
    </message>
    <message>
        <source>Checking the backup file…</source>
        <translation>正在检查备份文件…</translation>
    </message>
    <message>
        <source>Writing the new vault…</source>
        <translation>正在写入新的保险库…</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock Knowhold</source>
        <translation>解锁 Knowhold</translation>
    </message>
    <message>
        <source>Unlock your vault</source>
        <translation>解锁你的保险库</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>主密码</translation>
    </message>
    <message>
        <source>Unlock error</source>
        <translation>解锁出错</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>正在解锁</translation>
    </message>
    <message>
        <source>Forgot passphrase?</source>
        <translation>忘记主密码？</translation>
    </message>
    <message>
        <source>Forgot passphrase? Use the recovery code</source>
        <translation>忘记主密码？使用恢复码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <source>Wrong passphrase</source>
        <translation>主密码不正确</translation>
    </message>
    <message>
        <source>The vault is open in another Knowhold window or command. Close it there, then try again.</source>
        <translation>保险库已在另一个 Knowhold 窗口或命令中打开。请先在那里关闭，然后再试。</translation>
    </message>
</context>
<context>
    <name>VersionListModel</name>
    <message>
        <source>Version {number} (current)</source>
        <translation>版本 {number}（当前）</translation>
    </message>
    <message>
        <source>Version {number}</source>
        <translation>版本 {number}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Knowhold</source>
        <translation>欢迎使用 Knowhold</translation>
    </message>
    <message>
        <source>A private place for what you know about your work.</source>
        <translation>一个私密的地方，存放你的工作知识。</translation>
    </message>
    <message>
        <source>Knowhold keeps what you know about your work (playbooks, rules of thumb, decisions, checklists) in an encrypted vault on this computer. Nothing leaves it unless you choose to license a part of it to an employer, on your terms.</source>
        <translation>Knowhold 把你的工作知识（操作手册、经验法则、决策记录、检查清单）保存在这台电脑上的加密保险库里。除非你主动选择按自己的条件把其中一部分授权给雇主，否则任何内容都不会离开保险库。</translation>
    </message>
    <message>
        <source>Your vault will be kept in {path}</source>
        <translation>你的保险库将保存在 {path}</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Export as Markdown…</source>
        <translation>导出为 Markdown(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Restore from Bac&amp;kup…</source>
        <translation>从备份恢复(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;My Identity Card…</source>
        <translation>我的身份名片(&amp;M)…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Switch &amp;Preview</source>
        <translation>切换预览(&amp;P)</translation>
    </message>
    <message>
        <source>Show &amp;Sidebar</source>
        <translation>显示侧边栏(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Audit Log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;New Entry</source>
        <translation>新建条目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save Now</source>
        <translation>立即保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Move to &amp;Trash</source>
        <translation>移到回收站(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Restore from Trash</source>
        <translation>从回收站恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete for Good…</source>
        <translation>永久删除(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Empty Trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;About Knowhold</source>
        <translation>关于 Knowhold(&amp;A)</translation>
    </message>
</context>
<context>
    <name>findings</name>
    <message>
        <source>E-mail address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Resident ID number</source>
        <translation>身份证号码</translation>
    </message>
    <message>
        <source>Payment card number</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Key, token or password</source>
        <translation>密钥、令牌或密码</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>{kind} in the {field}: {masked}</source>
        <translation>{field}中的{kind}：{masked}</translation>
    </message>
</context>
<context>
    <name>kinds</name>
    <message>
        <source>Playbook</source>
        <translation>操作手册</translation>
    </message>
    <message>
        <source>Heuristic</source>
        <translation>经验法则</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决策记录</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Edge case</source>
        <translation>特殊情况</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;ntry</source>
        <translation>条目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Something unexpected went wrong. The details are in the log.</source>
        <translation>发生了意外错误，详细信息已记录在日志中。</translation>
    </message>
    <message>
        <source>Knowhold</source>
        <translation>Knowhold</translation>
    </message>
</context>
<context>
    <name>vault.strength</name>
    <message>
        <source>This is one of the most common passwords in China.</source>
        <translation>这是国内最常见的密码之一。</translation>
    </message>
    <message>
        <source>Common names and surnames are easy to guess.</source>
        <translation>常见的姓名很容易被猜到。</translation>
    </message>
    <message>
        <source>Common pinyin words and phrases are easy to guess.</source>
        <translation>常见的拼音词语很容易被猜到。</translation>
    </message>
    <message>
        <source>Lucky numbers like 520, 1314 and 888, and years, are easy to guess.</source>
        <translation>520、1314、888 这类吉利数字和年份很容易被猜到。</translation>
    </message>
    <message>
        <source>Your own name is easy to guess.</source>
        <translation>你自己的名字很容易被猜到。</translation>
    </message>
    <message>
        <source>Use four or more unrelated words.</source>
        <translation>使用四个或更多互不相关的词。</translation>
    </message>
    <message>
        <source>Use a few words, avoid common phrases.</source>
        <translation>用几个词组合，避开常见短语。</translation>
    </message>
    <message>
        <source>No need for symbols, digits, or uppercase letters.</source>
        <translation>不必加符号、数字或大写字母。</translation>
    </message>
    <message>
        <source>Add another word or two. Uncommon words are better.</source>
        <translation>再加一两个词，越不常见越好。</translation>
    </message>
    <message>
        <source>Straight rows of keys are easy to guess.</source>
        <translation>键盘上连成一排的按键很容易被猜到。</translation>
    </message>
    <message>
        <source>Short keyboard patterns are easy to guess.</source>
        <translation>简短的键盘图案很容易被猜到。</translation>
    </message>
    <message>
        <source>Use a longer keyboard pattern with more turns.</source>
        <translation>键盘图案要更长，转折更多。</translation>
    </message>
    <message>
        <source>Repeats like &quot;aaa&quot; are easy to guess.</source>
        <translation>像“aaa”这样的重复很容易被猜到。</translation>
    </message>
    <message>
        <source>Repeats like &quot;abcabcabc&quot; are only slightly harder to guess than &quot;abc&quot;.</source>
        <translation>像“abcabcabc”这样的重复，只比“abc”稍微难猜一点。</translation>
    </message>
    <message>
        <source>Avoid repeated words and characters.</source>
        <translation>避免重复的词和字符。</translation>
    </message>
    <message>
        <source>Sequences like &quot;abc&quot; or &quot;6543&quot; are easy to guess.</source>
        <translation>像“abc”或“6543”这样的连续序列很容易被猜到。</translation>
    </message>
    <message>
        <source>Avoid sequences.</source>
        <translation>避免使用连续序列。</translation>
    </message>
    <message>
        <source>Recent years are easy to guess.</source>
        <translation>最近的年份很容易被猜到。</translation>
    </message>
    <message>
        <source>Avoid recent years.</source>
        <translation>避免使用最近的年份。</translation>
    </message>
    <message>
        <source>Avoid years that are associated with you.</source>
        <translation>避免使用与你相关的年份。</translation>
    </message>
    <message>
        <source>Dates are often easy to guess.</source>
        <translation>日期通常很容易被猜到。</translation>
    </message>
    <message>
        <source>Avoid dates and years that are associated with you.</source>
        <translation>避免使用与你相关的日期和年份。</translation>
    </message>
    <message>
        <source>This is a top-10 common password.</source>
        <translation>这是最常用的 10 个密码之一。</translation>
    </message>
    <message>
        <source>This is a top-100 common password.</source>
        <translation>这是最常用的 100 个密码之一。</translation>
    </message>
    <message>
        <source>This is a very common password.</source>
        <translation>这是一个非常常见的密码。</translation>
    </message>
    <message>
        <source>This is similar to a commonly used password.</source>
        <translation>这与某个常用密码很相似。</translation>
    </message>
    <message>
        <source>A word by itself is easy to guess.</source>
        <translation>单独一个词很容易被猜到。</translation>
    </message>
    <message>
        <source>Names and surnames by themselves are easy to guess.</source>
        <translation>单独的姓名很容易被猜到。</translation>
    </message>
    <message>
        <source>Capitalization doesn&apos;t help very much.</source>
        <translation>大小写变化帮助不大。</translation>
    </message>
    <message>
        <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
        <translation>全部大写和全部小写几乎一样容易被猜到。</translation>
    </message>
    <message>
        <source>Reversed words aren&apos;t much harder to guess.</source>
        <translation>把词倒过来写，并不会难猜多少。</translation>
    </message>
    <message>
        <source>Predictable substitutions like &apos;@&apos; instead of &apos;a&apos; don&apos;t help very much.</source>
        <translation>用“@”代替“a”这类容易预料的替换帮助不大。</translation>
    </message>
</context>
</TS>
