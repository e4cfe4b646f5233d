<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptDialog</name>
    <message>
        <source>Accept Terms</source>
        <translation>接受条款</translation>
    </message>
    <message numerus="yes">
        <source>{licensor} licensed %n entries to you under license {license}. Read the terms again: accepting them is your signed word that you agree to exactly these.</source>
        <translation>
            <numerusform>{licensor} 通过授权 {license} 向你授权了 %n 个条目。请再读一遍条款：接受即表示你签名确认，同意的正是这些条款。</numerusform>
        </translation>
    </message>
    <message>
        <source>Knowhold signs a receipt with your vault&apos;s key and saves it as a file. Send that file to {licensor}: their ledger then shows the license as accepted, and keeps the receipt as their evidence of what you agreed to.</source>
        <translation>Knowhold 会用你保险库的密钥签署一份回执，并保存为文件。请把该文件发给 {licensor}：对方的台账随后会显示此授权已被接受，并保留这份回执，作为你所同意内容的凭证。</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Accept and Save Receipt…</source>
        <translation>接受并保存回执(&amp;A)…</translation>
    </message>
    <message>
        <source>Saved the receipt to {path}. Send it to {licensor}.</source>
        <translation>回执已保存到 {path}。请把它发给 {licensor}。</translation>
    </message>
</context>
<context>
    <name>AddContactDialog</name>
    <message>
        <source>Add a Contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Add the identity card of someone you license knowledge to or from: choose the file they sent you, drop it on this window, or paste its text below.</source>
        <translation>添加与你有授权往来的人（你授权给对方，或对方授权给你）的身份名片：选择对方发来的文件、把文件拖到此窗口上，或在下方粘贴名片文本。</translation>
    </message>
    <message>
        <source>Choose &amp;File…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>…or paste the card&apos;s text here.</source>
        <translation>…或在这里粘贴名片文本。</translation>
    </message>
    <message>
        <source>Card text</source>
        <translation>名片文本</translation>
    </message>
    <message>
        <source>Where the card came from</source>
        <translation>名片来源</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Name on the card</source>
        <translation>名片上的姓名</translation>
    </message>
    <message>
        <source>The card</source>
        <translation>名片</translation>
    </message>
    <message>
        <source>Why the card was not added</source>
        <translation>名片未添加的原因</translation>
    </message>
    <message>
        <source>&amp;Add Contact</source>
        <translation>添加联系人(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>From the file {path}</source>
        <translation>来自文件 {path}</translation>
    </message>
    <message>
        <source>From the text pasted above</source>
        <translation>来自上方粘贴的文本</translation>
    </message>
    <message>
        <source>This is not a card Knowhold can read: {reason}</source>
        <translation>这不是 Knowhold 能读取的名片：{reason}</translation>
    </message>
    <message>
        <source>No card read yet</source>
        <translation>尚未读取名片</translation>
    </message>
    <message>
        <source>&amp;Add as Verified</source>
        <translation>添加为已验证(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Add as Not Verified</source>
        <translation>添加为未验证(&amp;A)</translation>
    </message>
    <message>
        <source>Key change: these keys (fingerprint {fingerprint}) already belong to your contact {contact}, but this card calls them {name}. Nothing was added.

If {contact} really changed their name, remove that contact on purpose in the contacts list, then add this card again.</source>
        <translation>密钥变更：这些密钥（指纹 {fingerprint}）已属于你的联系人 {contact}，但这张名片上的名字是 {name}。未添加任何内容。

如果 {contact} 确实改了名字，请先在联系人列表中主动删除该联系人，再重新添加这张名片。</translation>
    </message>
    <message>
        <source>Key change: this card says it is {name}, but your contact {contact} has other keys.
Known fingerprint: {known}
This card&apos;s fingerprint: {card}
It may be an impostor. Nothing was added.

Ask {contact} in person or by phone whether their keys really changed. Only if they did, remove the contact on purpose in the contacts list, then add this card again.</source>
        <translation>密钥变更：这张名片自称是 {name}，但你的联系人 {contact} 用的是另一套密钥。
已知指纹：{known}
这张名片的指纹：{card}
这可能是冒充者。未添加任何内容。

请当面或打电话问 {contact}，其密钥是否真的更换了。只有确实更换了，才在联系人列表中主动删除该联系人，再重新添加这张名片。</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Attach File…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Attached files</source>
        <translation>已附加的文件</translation>
    </message>
    <message>
        <source>Not attached: {name}: {reason}</source>
        <translation>未附加：{name}：{reason}</translation>
    </message>
    <message>
        <source>Attached “{name}”.</source>
        <translation>已附加“{name}”。</translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>已保存“{name}”。</translation>
    </message>
    <message>
        <source>Remove Attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>Remove “{name}” from this entry?</source>
        <translation>要从此条目移除“{name}”吗？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Removed “{name}”.</source>
        <translation>已移除“{name}”。</translation>
    </message>
</context>
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
    <message>
        <source>AI agent call</source>
        <translation>AI 智能体调用</translation>
    </message>
    <message>
        <source>Usage report made</source>
        <translation>已生成使用报告</translation>
    </message>
    <message>
        <source>Usage report imported</source>
        <translation>已导入使用报告</translation>
    </message>
    <message>
        <source>licensee</source>
        <translation>被授权方</translation>
    </message>
    <message>
        <source>licensor</source>
        <translation>授权方</translation>
    </message>
    <message>
        <source>fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>ends</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>ended before</source>
        <translation>原到期</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>接受于</translation>
    </message>
    <message>
        <source>next update</source>
        <translation>下次更新</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>renewed</source>
        <translation>已续期</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>manifest hash</source>
        <translation>清单哈希</translation>
    </message>
    <message>
        <source>tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>through</source>
        <translation>途径</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>licenses</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>refused with exit code</source>
        <translation>已拒绝，退出码</translation>
    </message>
</context>
<context>
    <name>Backlinks</name>
    <message>
        <source>Linked from</source>
        <translation>被以下条目链接</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation>，另有 {count} 条</translation>
    </message>
    <message>
        <source>Linked from:</source>
        <translation>被以下条目链接：</translation>
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
        <source>&amp;New passphrase</source>
        <translation>新主密码(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;peat new passphrase</source>
        <translation>再次输入新主密码(&amp;P)</translation>
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
</context>
<context>
    <name>ChoosableEntries</name>
    <message>
        <source>{title} (private: never licensed)</source>
        <translation>{title}（私密：永不授权）</translation>
    </message>
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
        <source>Save the License Package</source>
        <translation>保存授权包</translation>
    </message>
    <message>
        <source>Knowhold licenses (*.knowhold);;All files (*)</source>
        <translation>Knowhold 授权包 (*.knowhold);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open License</source>
        <translation>打开授权</translation>
    </message>
    <message>
        <source>Add a Contact&apos;s Identity Card</source>
        <translation>添加联系人的身份名片</translation>
    </message>
    <message>
        <source>Import a Receipt</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <source>Receipts (*.receipt *.txt);;All files (*)</source>
        <translation>回执 (*.receipt *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a Usage Report</source>
        <translation>导入使用报告</translation>
    </message>
    <message>
        <source>Usage reports (*.txt *.usage);;All files (*)</source>
        <translation>使用报告 (*.txt *.usage);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Where to Publish Your Status (a Synced or Web Folder)</source>
        <translation>选择发布状态的位置（同步文件夹或网络发布文件夹）</translation>
    </message>
    <message>
        <source>Save the Acceptance Receipt</source>
        <translation>保存接受回执</translation>
    </message>
    <message>
        <source>Receipts (*.receipt);;All files (*)</source>
        <translation>回执 (*.receipt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save the Usage Report</source>
        <translation>保存使用报告</translation>
    </message>
    <message>
        <source>Usage reports (*.txt);;All files (*)</source>
        <translation>使用报告 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load a Status File</source>
        <translation>载入状态文件</translation>
    </message>
    <message>
        <source>Status documents (*.status);;All files (*)</source>
        <translation>状态文件 (*.status);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Folder for Agent Skills</source>
        <translation>智能体技能文件夹</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Where to Put the Restored Vault</source>
        <translation>选择恢复后的保险库存放位置</translation>
    </message>
    <message>
        <source>Choose an Empty Folder for the Vault</source>
        <translation>为保险库选择一个空文件夹</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Save Attachment As</source>
        <translation>附件另存为</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>The people whose identity cards you have: those you license knowledge to, and those whose licenses you receive. A contact is verified once you have compared their fingerprint with them, aloud or on paper.</source>
        <translation>你持有其身份名片的人：包括你向其授权知识的人，以及向你发出授权的人。当面念出或在纸上与对方核对过指纹后，该联系人即为已验证。</translation>
    </message>
    <message>
        <source>Reading your contacts…</source>
        <translation>正在读取联系人…</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>No contacts yet. Add a card with Add…, or drop a card file here.</source>
        <translation>还没有联系人。点“添加…”添加名片，或把名片文件拖到这里。</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Verify…</source>
        <translation>验证(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <source>{name} is a verified contact.</source>
        <translation>{name} 是已验证的联系人。</translation>
    </message>
    <message>
        <source>Added {name}, not verified yet. Compare the fingerprint with them, then choose Verify…</source>
        <translation>已添加 {name}，尚未验证。请与对方核对指纹，然后点“验证…”。</translation>
    </message>
    <message>
        <source>Remove {name} from your contacts?

Fingerprint: {fingerprint}

Licenses already issued to them keep the keys they were issued to, and licenses received from them stay as they are. To license to them again, or to trust a new package from them, you will need their card again.

If their keys really changed, add their new card afterwards and compare its fingerprint with them.</source>
        <translation>要从联系人中删除 {name} 吗？

指纹：{fingerprint}

已签发给对方的授权仍使用签发时的密钥，从对方收到的授权也保持不变。以后若要再授权给对方，或信任对方发来的新授权包，需要重新获取对方的名片。

如果对方的密钥确实更换了，请随后添加其新名片，并与对方核对新名片的指纹。</translation>
    </message>
    <message>
        <source>Remove Contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已删除 {name}。</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未验证</translation>
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
    <name>DonePage</name>
    <message>
        <source>License saved</source>
        <translation>授权已保存</translation>
    </message>
    <message>
        <source>Send the package to them, with a few words on what to do with it.</source>
        <translation>把授权包发给对方，并附上几句话，说明该怎么处理它。</translation>
    </message>
    <message>
        <source>Where it was saved</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>要发送的消息</translation>
    </message>
    <message>
        <source>&amp;Copy Message</source>
        <translation>复制消息(&amp;C)</translation>
    </message>
    <message>
        <source>A message you can paste to them:</source>
        <translation>可以粘贴发给对方的消息：</translation>
    </message>
    <message>
        <source>Saved to {path}. The license is recorded in your ledger as {id}.</source>
        <translation>已保存到 {path}。此授权已记入你的台账，编号为 {id}。</translation>
    </message>
    <message numerus="yes">
        <source>Hello {licensee},

I have licensed %n entries of my work knowledge to you, until {end}. The attached file {file} is a Knowhold license package; only your Knowhold vault can open it.

To open it, in the Knowhold app choose File ▸ Open License… (or drop the file on its window), read the report and add it to your library. On the command line: knowhold verify {file}, then knowhold received ingest {file}.

Once you have read the terms, please accept them in Knowhold and send me the receipt it saves.</source>
        <translation>
            <numerusform>{licensee}，你好：

我已把我的 %n 个工作知识条目授权给你，有效期至 {end}。附件 {file} 是 Knowhold 授权包，只有你的 Knowhold 保险库能打开它。

打开方法：在 Knowhold 应用中选择“文件 ▸ 打开授权…”（或把文件拖到应用窗口上），阅读检查报告，然后把它添加到你的授权库。使用命令行：先运行 knowhold verify {file}，再运行 knowhold received ingest {file}。

读完条款后，请在 Knowhold 中接受条款，并把它保存的回执发给我。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
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
        <source>Private: never included in a license</source>
        <translation>私密：永不包含在授权中</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>私密</translation>
    </message>
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
        <source>Not attached: “{name}” is a folder.</source>
        <translation>未附加：“{name}”是文件夹。</translation>
    </message>
    <message>
        <source>The pasted image could not be stored.</source>
        <translation>粘贴的图片无法保存。</translation>
    </message>
    <message>
        <source>No entry named “{name}”.</source>
        <translation>没有名为“{name}”的条目。</translation>
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
    <name>FindBar</name>
    <message>
        <source>Find in this entry</source>
        <translation>在此条目中查找</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>%n 处匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>{current} of {total}+</source>
        <translation>第 {current} 处，共 {total}+ 处</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>第 {current} 处，共 {total} 处</translation>
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
    <name>FingerprintCheck</name>
    <message>
        <source>Fingerprint on this card</source>
        <translation>这张名片上的指纹</translation>
    </message>
    <message>
        <source>Ask them to read out their fingerprint (in Knowhold: File ▸ My Identity Card), aloud or on paper, never through the same channel as the card: whoever could swap the card could swap a fingerprint sent beside it.</source>
        <translation>请对方当面念出或在纸上写出自己的指纹（在 Knowhold 中：文件 ▸ 我的身份名片），切勿通过发送名片的同一渠道：能调包名片的人，也能调包随名片一起发来的指纹。</translation>
    </message>
    <message>
        <source>Fingerprint they &amp;read out:</source>
        <translation>对方念出的指纹(&amp;R)：</translation>
    </message>
    <message>
        <source>8 groups of 4, such as 7K3M-9QXA-…</source>
        <translation>8 组，每组 4 位，例如 7K3M-9QXA-…</translation>
    </message>
    <message>
        <source>Fingerprint they read out</source>
        <translation>对方念出的指纹</translation>
    </message>
    <message>
        <source>Whether the fingerprints match</source>
        <translation>指纹是否一致</translation>
    </message>
    <message>
        <source>Not compared yet.</source>
        <translation>尚未核对。</translation>
    </message>
    <message>
        <source>Type all 8 groups they read out.</source>
        <translation>请输入对方念出的全部 8 组。</translation>
    </message>
    <message>
        <source>✓ Every group matches: this card is theirs.</source>
        <translation>✓ 每一组都一致：这张名片确实是对方的。</translation>
    </message>
    <message>
        <source>✗ These do not match. Do not trust this card: it may not be theirs. Check each group with them again.</source>
        <translation>✗ 指纹不一致。不要信任这张名片：它可能不是对方的。请与对方再逐组核对一遍。</translation>
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
    <name>LedgerModel</name>
    <message>
        <source>Licensee</source>
        <translation>被授权方</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>报酬</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>无偿</translation>
    </message>
    <message>
        <source>{amount} {currency} per month</source>
        <translation>每月 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency} per year</source>
        <translation>每年 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency} once</source>
        <translation>一次性 {amount} {currency}</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>{date} ({countdown})</source>
        <translation>{date}（{countdown}）</translation>
    </message>
    <message>
        <source>{status}, report overdue</source>
        <translation>{status}，报告逾期</translation>
    </message>
    <message>
        <source>The terms ask for a usage report each month, and the licensee&apos;s is late.</source>
        <translation>条款要求每月提交使用报告，被授权方的报告已逾期。</translation>
    </message>
    <message>
        <source>Revoked on {time}</source>
        <translation>已于 {time} 撤销</translation>
    </message>
    <message>
        <source>No status address: revoking reaches the licensee only when you send them your status file, or at the end date.</source>
        <translation>没有状态地址：撤销要等你把状态文件发给被授权方，或到结束日期，才会对其生效。</translation>
    </message>
    <message>
        <source>Still to come: due if nothing changes.</source>
        <translation>尚未到来：如无变化，届时应收。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <source>&amp;Publish Status</source>
        <translation>发布状态(&amp;P)</translation>
    </message>
    <message>
        <source>Change &amp;Folder…</source>
        <translation>更改文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Import Receipt…</source>
        <translation>导入回执(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Usage Report…</source>
        <translation>导入使用报告(&amp;U)…</translation>
    </message>
    <message>
        <source>Take in a licensee&apos;s signed account of how your entries were used.</source>
        <translation>导入被授权方签名的、说明你的条目被如何使用的报告。</translation>
    </message>
    <message>
        <source>Write your signed status document to the folder you chose once (synced or on the web).</source>
        <translation>把你签名的状态文件写入之前选定的文件夹（同步文件夹或网络发布文件夹）。</translation>
    </message>
    <message>
        <source>Record a licensee&apos;s signed acceptance. You can also drop it here.</source>
        <translation>记录被授权方签名的接受回执。也可以把回执文件拖到这里。</translation>
    </message>
    <message>
        <source>Where your status is published</source>
        <translation>状态发布位置</translation>
    </message>
    <message>
        <source>Licenses</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>No licenses yet. License entries from the Entry menu: each license appears here with its terms, its pay and its status.</source>
        <translation>还没有授权。可以通过“条目”菜单授权条目：每项授权都会连同其条款、报酬和状态显示在这里。</translation>
    </message>
    <message>
        <source>Licensee</source>
        <translation>被授权方</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>报酬</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Totals per licensee</source>
        <translation>按被授权方合计</translation>
    </message>
    <message>
        <source>Totals per month</source>
        <translation>按月合计</translation>
    </message>
    <message>
        <source>Totals, per currency</source>
        <translation>合计（按币种）</translation>
    </message>
    <message>
        <source>All licenses: {amounts}</source>
        <translation>全部授权：{amounts}</translation>
    </message>
    <message>
        <source>No license is paid.</source>
        <translation>没有有偿授权。</translation>
    </message>
    <message>
        <source>Published status document #{sequence} to {path}.</source>
        <translation>已将状态文件 #{sequence} 发布到 {path}。</translation>
    </message>
    <message>
        <source>Revoked the license for {licensee}.</source>
        <translation>已撤销给 {licensee} 的授权。</translation>
    </message>
    <message>
        <source>The license is revoked. Publish your status now?</source>
        <translation>授权已撤销。现在发布你的状态吗？</translation>
    </message>
    <message>
        <source>Renewed the license for {licensee} until {time}.</source>
        <translation>已将给 {licensee} 的授权续期至 {time}。</translation>
    </message>
    <message>
        <source>The license is renewed. Publish your status now?</source>
        <translation>授权已续期。现在发布你的状态吗？</translation>
    </message>
    <message>
        <source>Recorded {licensee}&apos;s acceptance of license {id}.</source>
        <translation>已记录 {licensee} 接受授权 {id}。</translation>
    </message>
    <message>
        <source>Import Usage Report</source>
        <translation>导入使用报告</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>没有这个文件。</translation>
    </message>
    <message>
        <source>This is a folder, not a receipt.</source>
        <translation>这是文件夹，不是回执。</translation>
    </message>
    <message>
        <source>This file is larger than any receipt can be.</source>
        <translation>这个文件太大，不可能是回执。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>{file} was not imported: {reason}</source>
        <translation>{file} 未导入：{reason}</translation>
    </message>
    <message>
        <source>Import Receipt</source>
        <translation>导入回执</translation>
    </message>
</context>
<context>
    <name>LicenseDetail</name>
    <message>
        <source>&amp;Revoke…</source>
        <translation>撤销(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;new…</source>
        <translation>续期(&amp;N)…</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Entries as licensed</source>
        <translation>授权时的条目</translation>
    </message>
    <message>
        <source>Entries, as licensed</source>
        <translation>授权时的条目</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>License {id}</source>
        <translation>授权 {id}</translation>
    </message>
    <message>
        <source>{status}: from {start} until {end} ({countdown})</source>
        <translation>{status}：{start} 至 {end}（{countdown}）</translation>
    </message>
    <message>
        <source>This license has no status address: revoking it takes effect only at its end date, or when you send {licensee} your status file.</source>
        <translation>此授权没有状态地址：撤销只会在结束日期生效，或在你把状态文件发给 {licensee} 后生效。</translation>
    </message>
    <message numerus="yes">
        <source>Entries, as licensed (%n)</source>
        <translation>
            <numerusform>授权时的条目（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoked on {time}. Reason: {reason}</source>
        <translation>已于 {time} 撤销。原因：{reason}</translation>
    </message>
    <message>
        <source>Revoked on {time}, with no reason given.</source>
        <translation>已于 {time} 撤销，未说明原因。</translation>
    </message>
    <message>
        <source>Accepted on {time}: their signed receipt is kept as your evidence of the terms.</source>
        <translation>已于 {time} 接受：对方签名的回执已保存，作为条款的凭证。</translation>
    </message>
    <message>
        <source>Not accepted yet. When {licensee} sends their signed receipt, import it (Import Receipt…, or drop the file on the ledger).</source>
        <translation>尚未接受。{licensee} 发来签名回执后，请导入它（点“导入回执…”，或把文件拖到台账上）。</translation>
    </message>
    <message>
        <source>Status address: none.</source>
        <translation>状态地址：无。</translation>
    </message>
    <message>
        <source>Status address: {url}</source>
        <translation>状态地址：{url}</translation>
    </message>
    <message>
        <source>Status address: {url}. Their Knowhold locks the content when it has no status document younger than {age}.</source>
        <translation>状态地址：{url}。如果对方的 Knowhold 没有 {age} 以内的状态文件，就会锁定内容。</translation>
    </message>
    <message>
        <source>Sensitive data was redacted in the licensed copy.</source>
        <translation>授权副本中的敏感信息已脱敏。</translation>
    </message>
    <message>
        <source>Sensitive data was included, as you chose.</source>
        <translation>按你的选择，授权副本中保留了敏感信息。</translation>
    </message>
    <message>
        <source>Package file: {path}</source>
        <translation>授权包文件：{path}</translation>
    </message>
</context>
<context>
    <name>LicensePane</name>
    <message>
        <source>License</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Why the content cannot be read</source>
        <translation>内容无法读取的原因</translation>
    </message>
    <message>
        <source>Refresh Status</source>
        <translation>刷新状态</translation>
    </message>
    <message>
        <source>Load Status File…</source>
        <translation>载入状态文件…</translation>
    </message>
    <message>
        <source>&amp;Accept Terms…</source>
        <translation>接受条款(&amp;A)…</translation>
    </message>
    <message>
        <source>Save &amp;Usage Report…</source>
        <translation>保存使用报告(&amp;U)…</translation>
    </message>
    <message>
        <source>Sign a report of how often each entry was found and read, to send to the licensor.</source>
        <translation>签署一份报告，说明每个条目被搜索到和阅读的次数，发给授权方。</translation>
    </message>
    <message>
        <source>&amp;Export as Agent Skill…</source>
        <translation>导出为智能体技能(&amp;E)…</translation>
    </message>
    <message>
        <source>Change Skill Folder…</source>
        <translation>更改技能文件夹…</translation>
    </message>
    <message>
        <source>Licensed entries</source>
        <translation>授权的条目</translation>
    </message>
    <message>
        <source>Choose a license to see its entries.</source>
        <translation>选择一项授权即可查看其中的条目。</translation>
    </message>
    <message numerus="yes">
        <source>{licensor}, license {license}: %n entries</source>
        <translation>
            <numerusform>{licensor}，授权 {license}：%n 个条目</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LicenseWizard</name>
    <message>
        <source>License Entries</source>
        <translation>授权条目</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>License the selected entries…</source>
        <translation>授权所选条目…</translation>
    </message>
    <message>
        <source>{name} — Knowhold</source>
        <translation>{name} — Knowhold</translation>
    </message>
    <message>
        <source>Knowhold</source>
        <translation>Knowhold</translation>
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
        <source>Nothing matches “{query}”. Try fewer words, or the start of a word and *.</source>
        <translation>没有与“{query}”匹配的内容。试试少用几个词，或只输入词的开头再加 *。</translation>
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
    <name>NewExportFolder</name>
    <message>
        <source>Export into a New Folder?</source>
        <translation>导出到新文件夹？</translation>
    </message>
    <message>
        <source>“{chosen}” already holds files that are not a Knowhold export. So that none of them is overwritten, the export can go into a new folder inside it:

{inside}</source>
        <translation>“{chosen}”中已有不属于 Knowhold 导出的文件。为避免覆盖其中任何文件，可以导出到它里面的一个新文件夹：

{inside}</translation>
    </message>
    <message>
        <source>Export to New Folder</source>
        <translation>导出到新文件夹</translation>
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
</context>
<context>
    <name>OpenPackageDialog</name>
    <message>
        <source>Open License</source>
        <translation>打开授权</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>正在检查 {file}…</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Licensor:</source>
        <translation>授权方：</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>License:</source>
        <translation>授权：</translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Add to My Library</source>
        <translation>添加到我的授权库(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Before you trust this licensor</source>
        <translation>在信任此授权方之前</translation>
    </message>
    <message>
        <source>The licensor&apos;s fingerprint</source>
        <translation>授权方的指纹</translation>
    </message>
    <message>
        <source>The fingerprint they read out</source>
        <translation>对方念出的指纹</translation>
    </message>
    <message>
        <source>Fingerprint read out by the licensor</source>
        <translation>授权方念出的指纹</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Trust without verifying</source>
        <translation>不验证，直接信任(&amp;T)</translation>
    </message>
    <message>
        <source>This license is genuine, but {name} is not one of your contacts yet.</source>
        <translation>此授权是真实的，但 {name} 还不是你的联系人。</translation>
    </message>
    <message>
        <source>Anyone can make a key and sign a package in any name. Ask {name} to read their fingerprint out to you, in person or by phone, never through the channel that brought this file, and type what they read. The package&apos;s fingerprint is:</source>
        <translation>任何人都能生成密钥，并以任何名字签署授权包。请 {name} 当面或通过电话向你念出其指纹（切勿通过传来此文件的渠道），并输入对方念出的内容。此授权包的指纹是：</translation>
    </message>
    <message>
        <source>This license is genuine and made for you. Read the terms, then add it to your library.</source>
        <translation>此授权是真实的，且是发给你的。请阅读条款，然后把它添加到你的授权库。</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing can be added from this file: the check “{check}” failed.</source>
        <translation>无法从此文件添加任何内容：检查项“{check}”未通过。</translation>
    </message>
    <message>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
    <message>
        <source>{name} is a folder, not a license package.</source>
        <translation>{name} 是文件夹，不是授权包。</translation>
    </message>
    <message>
        <source>{name} is larger than any license package can be.</source>
        <translation>{name} 太大，不可能是授权包。</translation>
    </message>
    <message>
        <source>{name} cannot be read: you may not have permission to open it.</source>
        <translation>无法读取 {name}：你可能没有打开它的权限。</translation>
    </message>
    <message>
        <source>That is not a fingerprint: it has 8 groups of 4 letters and digits.</source>
        <translation>这不是指纹：指纹由 8 组组成，每组 4 个字母或数字。</translation>
    </message>
    <message>
        <source>The fingerprints match: {name} will be added to your contacts as verified.</source>
        <translation>指纹一致：{name} 将作为已验证的联系人添加。</translation>
    </message>
    <message>
        <source>The fingerprints do not match. Do not trust this package: someone other than {name} may have made it.</source>
        <translation>指纹不一致。不要信任此授权包：它可能不是 {name} 制作的。</translation>
    </message>
    <message>
        <source>This license is already in your library; nothing changed.</source>
        <translation>此授权已在你的授权库中，没有任何改动。</translation>
    </message>
</context>
<context>
    <name>OriginEdit</name>
    <message>
        <source>Origin not recorded</source>
        <translation>未记录来源</translation>
    </message>
    <message>
        <source>Own experience</source>
        <translation>自己的经验</translation>
    </message>
    <message>
        <source>Learned at {organisation}</source>
        <translation>在 {organisation} 学到</translation>
    </message>
    <message>
        <source>Public source: {source}</source>
        <translation>公开来源：{source}</translation>
    </message>
    <message>
        <source>Learned at {organisation}, the licensee itself: they may already own this knowledge. Know what you are selling back to them.</source>
        <translation>在 {organisation} 学到，也就是被授权方自己：对方可能已经拥有这些知识。请清楚你卖回给对方的是什么。</translation>
    </message>
    <message>
        <source>Learned at {organisation}: this knowledge may belong to {organisation}. Make sure you may license it to {licensee}.</source>
        <translation>在 {organisation} 学到：这些知识可能归 {organisation} 所有。请确认你有权把它授权给 {licensee}。</translation>
    </message>
    <message>
        <source>My own experience</source>
        <translation>我自己的经验</translation>
    </message>
    <message>
        <source>Learned at</source>
        <translation>在单位学到</translation>
    </message>
    <message>
        <source>Public source</source>
        <translation>公开来源</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Where this knowledge comes from. Before you license knowledge learned at an organisation, you are warned that it may belong to them; the employer sees the origin too.</source>
        <translation>这些知识从哪里来。授权在某个单位学到的知识之前，Knowhold 会提醒你它可能归该单位所有；雇主也能看到来源。</translation>
    </message>
    <message>
        <source>The origin is not saved: its name holds an invisible or control character. Type it again without it.</source>
        <translation>来源未保存：名称中含有不可见字符或控制字符。请去掉后重新输入。</translation>
    </message>
    <message>
        <source>Type the organisation&apos;s name: until then the origin stays as it was.</source>
        <translation>请输入单位名称：在此之前，来源保持不变。</translation>
    </message>
    <message>
        <source>Name the public source: until then the origin stays as it was.</source>
        <translation>请写明公开来源：在此之前，来源保持不变。</translation>
    </message>
    <message>
        <source>Which organisation</source>
        <translation>哪个单位</translation>
    </message>
    <message>
        <source>Organisation where you learned it</source>
        <translation>你学到它的单位</translation>
    </message>
    <message>
        <source>Book, standard, course…</source>
        <translation>书籍、标准、课程…</translation>
    </message>
</context>
<context>
    <name>OutgoingFilesTable</name>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>Attachments that leave</source>
        <translation>将发出的附件</translation>
    </message>
    <message>
        <source>Damaged: it cannot be cleaned, so it cannot leave</source>
        <translation>已损坏：无法清除元数据，因此不能发出</translation>
    </message>
    <message>
        <source>Leaves with its metadata: not an image</source>
        <translation>连同元数据发出：不是图片</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <source>GPS position</source>
        <translation>GPS 位置</translation>
    </message>
    <message>
        <source>camera data (EXIF)</source>
        <translation>相机数据（EXIF）</translation>
    </message>
    <message>
        <source>XMP</source>
        <translation>XMP</translation>
    </message>
    <message>
        <source>IPTC</source>
        <translation>IPTC</translation>
    </message>
    <message>
        <source>comments</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>thumbnail</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>data after the image</source>
        <translation>图片之后的数据</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Removed: {found}</source>
        <translation>已移除：{found}</translation>
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
        <source>&amp;Passphrase</source>
        <translation>主密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>确认主密码(&amp;R)</translation>
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
    <message>
        <source>No entry named “{name}”</source>
        <translation>没有名为“{name}”的条目</translation>
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
    <name>PublishBanner</name>
    <message>
        <source>Status publishing</source>
        <translation>状态发布</translation>
    </message>
    <message>
        <source>Publish Now</source>
        <translation>立即发布</translation>
    </message>
    <message>
        <source>Publishing your status failed: {reason}</source>
        <translation>发布状态失败：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>Your status has never been published, and %n license(s) changed or name a status address: their licensees learn of it only from a status document.</source>
        <translation>
            <numerusform>你的状态从未发布过，而有 %n 项授权发生了变化或指定了状态地址：被授权方只能从状态文件中得知。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n license(s) changed since you last published your status: their licensees learn of it only from a new status document.</source>
        <translation>
            <numerusform>自上次发布状态以来，有 %n 项授权发生了变化：被授权方只能从新的状态文件中得知。</numerusform>
        </translation>
    </message>
    <message>
        <source>Your status is out of date since {time}: licensees&apos; apps that need a fresh one lock the content until it arrives.</source>
        <translation>你的状态自 {time} 起已过期：需要最新状态的被授权方应用会锁定内容，直到收到新的状态文件。</translation>
    </message>
    <message>
        <source>Publish your status before {time}, or licensees&apos; apps that need a fresh one lock the content. Choose a folder once, and Knowhold keeps it fresh while it runs.</source>
        <translation>请在 {time} 之前发布你的状态，否则需要最新状态的被授权方应用会锁定内容。只需选择一次文件夹，Knowhold 运行时就会自动保持状态最新。</translation>
    </message>
    <message>
        <source>This vault was restored from an older backup: {path} held a newer status document (#{newer}). The one just published supersedes it.</source>
        <translation>此保险库是从较旧的备份恢复的：{path} 中有一份更新的状态文件（#{newer}）。刚刚发布的状态文件已取代它。</translation>
    </message>
    <message>
        <source>Revoked there but not in this vault (revoke them again, then publish): {ids}</source>
        <translation>在那里已撤销、但在此保险库中未撤销的授权（请重新撤销后再发布）：{ids}</translation>
    </message>
</context>
<context>
    <name>PublishOffer</name>
    <message>
        <source>Publish Status</source>
        <translation>发布状态</translation>
    </message>
    <message>
        <source>Publish Now</source>
        <translation>立即发布</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Status published {time} to {path}.</source>
        <translation>状态已于 {time} 发布到 {path}。</translation>
    </message>
    <message>
        <source>Status to be published to {folder}.</source>
        <translation>状态将发布到 {folder}。</translation>
    </message>
    <message>
        <source>Publish Status asks where to publish, the first time.</source>
        <translation>第一次点“发布状态”时，会询问发布位置。</translation>
    </message>
    <message>
        <source>This license has no status address: send {licensee} the status file it writes, or they learn of it only at the end date.</source>
        <translation>此授权没有状态地址：请把生成的状态文件发给 {licensee}，否则对方要到结束日期才会得知。</translation>
    </message>
    <message>
        <source>{licensee}&apos;s Knowhold learns of it when it next reads your status.</source>
        <translation>{licensee} 的 Knowhold 下次读取你的状态时就会得知。</translation>
    </message>
    <message>
        <source>Publish Status</source>
        <translation>发布状态</translation>
    </message>
</context>
<context>
    <name>ReceivedEntry</name>
    <message>
        <source>Origin not stated.</source>
        <translation>未说明来源。</translation>
    </message>
    <message>
        <source>Origin: the licensor&apos;s own experience.</source>
        <translation>来源：授权方自己的经验。</translation>
    </message>
    <message>
        <source>Origin: learned at {name}.</source>
        <translation>来源：在 {name} 学到。</translation>
    </message>
    <message>
        <source>Origin: a public source, {name}.</source>
        <translation>来源：公开来源，{name}。</translation>
    </message>
    <message>
        <source>Licensed by {licensor} until {end}.</source>
        <translation>由 {licensor} 授权，有效期至 {end}。</translation>
    </message>
    <message>
        <source>Permitted uses: {uses}.</source>
        <translation>允许的用途：{uses}。</translation>
    </message>
    <message>
        <source>Human review required: a person must check what an AI produces from this entry before it is used.</source>
        <translation>须人工审核：AI 根据此条目生成的内容，必须先经人检查才能使用。</translation>
    </message>
    <message>
        <source>Human review of AI use: not required by the terms.</source>
        <translation>AI 使用的人工审核：条款未作要求。</translation>
    </message>
    <message>
        <source>License terms for this entry</source>
        <translation>此条目的授权条款</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind, tags and origin</source>
        <translation>类型、标签和来源</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>条目正文</translation>
    </message>
    <message>
        <source>Why the entry cannot be read</source>
        <translation>条目无法读取的原因</translation>
    </message>
    <message>
        <source>Choose an entry to read it.</source>
        <translation>选择一个条目即可阅读。</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name}（{size}）</translation>
    </message>
    <message>
        <source>Attachments: {files}</source>
        <translation>附件：{files}</translation>
    </message>
</context>
<context>
    <name>ReceivedModel</name>
    <message>
        <source>Licensor</source>
        <translation>授权方</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Permitted uses</source>
        <translation>允许的用途</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>报酬</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <source>read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>copy excerpts</source>
        <translation>摘抄</translation>
    </message>
    <message>
        <source>AI look-up</source>
        <translation>AI 查阅</translation>
    </message>
    <message>
        <source>AI training</source>
        <translation>AI 训练</translation>
    </message>
    <message>
        <source>pass on</source>
        <translation>转给他人</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>unpaid</source>
        <translation>无偿</translation>
    </message>
    <message>
        <source>{amount} {currency} per month</source>
        <translation>每月 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency} per year</source>
        <translation>每年 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency} once</source>
        <translation>一次性 {amount} {currency}</translation>
    </message>
    <message>
        <source>{date} ({countdown})</source>
        <translation>{date}（{countdown}）</translation>
    </message>
    <message>
        <source>Locked: the terms ask for a status document from {licensor} no older than {age}, and the newest this vault holds is older. The content stays locked until a fresh one arrives.</source>
        <translation>已锁定：条款要求有 {licensor} 在 {age} 以内发布的状态文件，而此保险库中最新的一份已超过这个时限。收到新的状态文件之前，内容保持锁定。</translation>
    </message>
    <message>
        <source>Refresh Status fetches one from {url}, or load a status file {licensor} sent you.</source>
        <translation>点“刷新状态”可从 {url} 获取，也可以载入 {licensor} 发给你的状态文件。</translation>
    </message>
    <message>
        <source>Ask {licensor} to send you a status file, then load it here.</source>
        <translation>请 {licensor} 给你发一份状态文件，然后在这里载入。</translation>
    </message>
    <message>
        <source>Not yet valid: this license starts on {start}. Its content stays locked until then.</source>
        <translation>尚未生效：此授权从 {start} 开始。在此之前，其内容保持锁定。</translation>
    </message>
    <message>
        <source>This license ended on {end}.</source>
        <translation>此授权已于 {end} 结束。</translation>
    </message>
    <message>
        <source>{licensor} revoked this license.</source>
        <translation>{licensor} 已撤销此授权。</translation>
    </message>
    <message>
        <source>The content was destroyed on {date}: the license ended on {end}.</source>
        <translation>内容已于 {date} 销毁：授权已于 {end} 结束。</translation>
    </message>
    <message>
        <source>The content was destroyed on {date}: {licensor} revoked the license.</source>
        <translation>内容已于 {date} 销毁：{licensor} 撤销了授权。</translation>
    </message>
    <message>
        <source>The content was destroyed on {date}: {licensor} revoked the license ({reason}).</source>
        <translation>内容已于 {date} 销毁：{licensor} 撤销了授权（{reason}）。</translation>
    </message>
    <message>
        <source>{name}
Fingerprint {fingerprint}</source>
        <translation>{name}
指纹 {fingerprint}</translation>
    </message>
</context>
<context>
    <name>ReceivedView</name>
    <message>
        <source>Received Licenses</source>
        <translation>收到的授权</translation>
    </message>
    <message>
        <source>&amp;Refresh Status</source>
        <translation>刷新状态(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Load Status File…</source>
        <translation>载入状态文件(&amp;L)…</translation>
    </message>
    <message>
        <source>No licenses received yet. Open a license package with File ▸ Open License…, or drop it on the window.</source>
        <translation>还没有收到授权。可以通过“文件 ▸ 打开授权…”打开授权包，或把它拖到窗口上。</translation>
    </message>
    <message>
        <source>Received licenses</source>
        <translation>收到的授权</translation>
    </message>
    <message>
        <source>Saved the acceptance receipt to {path}.</source>
        <translation>接受回执已保存到 {path}。</translation>
    </message>
    <message>
        <source>Saved usage report {sequence} to {path}: send it to the licensor.</source>
        <translation>已将使用报告 {sequence} 保存到 {path}：请发给授权方。</translation>
    </message>
    <message>
        <source>Save Usage Report</source>
        <translation>保存使用报告</translation>
    </message>
    <message>
        <source>Exported as an agent skill to {path}.</source>
        <translation>已导出为智能体技能，位于 {path}。</translation>
    </message>
</context>
<context>
    <name>RecipientPage</name>
    <message>
        <source>To whom</source>
        <translation>授权给谁</translation>
    </message>
    <message>
        <source>Choose who receives this license. The package is sealed to the keys on their identity card: only they can open it.</source>
        <translation>选择此授权的接收人。授权包会用其身份名片上的密钥加密封装：只有对方能打开。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>You have no contacts yet. Ask the person or company you license to for their identity card, then add it here and compare its fingerprint with them.</source>
        <translation>你还没有联系人。请向你要授权的个人或公司索取身份名片，在这里添加，并与对方核对指纹。</translation>
    </message>
    <message>
        <source>&amp;Add a Contact…</source>
        <translation>添加联系人(&amp;A)…</translation>
    </message>
    <message>
        <source>About this contact</source>
        <translation>关于此联系人</translation>
    </message>
    <message>
        <source>Contacts error</source>
        <translation>联系人出错</translation>
    </message>
    <message>
        <source>Fingerprint: {fp}</source>
        <translation>指纹：{fp}</translation>
    </message>
    <message>
        <source>{name} (verified)</source>
        <translation>{name}（已验证）</translation>
    </message>
    <message>
        <source>{name} (not verified)</source>
        <translation>{name}（未验证）</translation>
    </message>
    <message>
        <source>You have not compared fingerprints with {name}. The package can only be opened with the keys on this card; if the card is not really theirs, someone else can read it. Compare the fingerprint {fp} with them aloud or on paper first.</source>
        <translation>你还没有与 {name} 核对过指纹。授权包只能用这张名片上的密钥打开；如果名片不是对方本人的，别人就能读到其中的内容。请先当面念出或在纸上与对方核对指纹 {fp}。</translation>
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
        <source>&amp;New passphrase</source>
        <translation>新主密码(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;peat new passphrase</source>
        <translation>再次输入新主密码(&amp;P)</translation>
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
    <name>RefreshWords</name>
    <message numerus="yes">
        <source>Status refreshed: %n license(s) changed.</source>
        <translation>
            <numerusform>状态已刷新：%n 项授权有变化。</numerusform>
        </translation>
    </message>
    <message>
        <source>Status refreshed: no license changed.</source>
        <translation>状态已刷新：没有授权发生变化。</translation>
    </message>
    <message numerus="yes">
        <source>%n status address(es) could not be reached.</source>
        <translation>
            <numerusform>%n 个状态地址无法访问。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n agent skill(s) of ended licenses removed.</source>
        <translation>
            <numerusform>已移除 %n 个已结束授权的智能体技能。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message>
        <source>Renew License</source>
        <translation>续期授权</translation>
    </message>
    <message>
        <source>The license for {licensee} ends on {date} ({countdown}).</source>
        <translation>给 {licensee} 的授权将于 {date} 结束（{countdown}）。</translation>
    </message>
    <message>
        <source>New end</source>
        <translation>新的结束日期</translation>
    </message>
    <message>
        <source>&amp;New end:</source>
        <translation>新的结束日期(&amp;N)：</translation>
    </message>
    <message numerus="yes">
        <source>+%n day(s)</source>
        <translation>
            <numerusform>+%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>The entries are not sent again. {licensee}&apos;s Knowhold learns the new end from your status document: publish it next (Knowhold offers to).</source>
        <translation>条目不会重新发送。{licensee} 的 Knowhold 会从你的状态文件中得知新的结束日期：请接着发布状态文件（Knowhold 会提示你）。</translation>
    </message>
    <message>
        <source>The entries are not sent again. This license has no status address: {licensee}&apos;s Knowhold learns the new end only when you send them your status file.</source>
        <translation>条目不会重新发送。此授权没有状态地址：只有在你把状态文件发给 {licensee} 后，对方的 Knowhold 才会得知新的结束日期。</translation>
    </message>
    <message>
        <source>Renew error</source>
        <translation>续期出错</translation>
    </message>
    <message>
        <source>Renewing</source>
        <translation>正在续期</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>续期</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Reports</name>
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
        <source>not a note file (.md, .markdown or .txt)</source>
        <translation>不是笔记文件（.md、.markdown 或 .txt）</translation>
    </message>
    <message>
        <source>not text: a binary file such as an image, or text in an encoding Knowhold does not read</source>
        <translation>不是文本：图片等二进制文件，或 Knowhold 无法读取的编码的文本</translation>
    </message>
    <message>
        <source>text whose encoding cannot be told for sure (it reads as more than one, or is too short to tell): save it as UTF-8 and import it again</source>
        <translation>无法确定编码的文本（可被读作多种编码，或内容太短无法判断）：请另存为 UTF-8 后重新导入</translation>
    </message>
    <message>
        <source>text in a single-byte code page such as Windows-1252 or Latin-1, which cannot be told apart from one another: save it as UTF-8 and import it again</source>
        <translation>单字节代码页（如 Windows-1252 或 Latin-1）的文本，彼此无法区分：请另存为 UTF-8 后重新导入</translation>
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
        <source>a file for a note, larger than 25 MiB</source>
        <translation>笔记引用的文件超过 25 MiB</translation>
    </message>
    <message>
        <source>the note refers to another file of the same name, which was attached instead</source>
        <translation>该笔记引用了另一个同名文件，已改为附加那个文件</translation>
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
        <source>%n files the notes refer to were attached to them.</source>
        <translation>
            <numerusform>笔记引用的 %n 个文件已附加到笔记。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notes were not in UTF-8 and were read as {encodings}: glance at them once.</source>
        <translation>
            <numerusform>%n 篇笔记不是 UTF-8 编码，已按 {encodings} 读取：请检查一遍。</numerusform>
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
        <source>%n attached files were written beside the notes.</source>
        <translation>
            <numerusform>%n 个附件已写在笔记旁边。</numerusform>
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
    <name>ReviewPage</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Review what leaves your vault</source>
        <translation>检查将离开保险库的内容</translation>
    </message>
    <message>
        <source>Exactly what the package will hold. Possibly sensitive items are redacted unless you choose otherwise.</source>
        <translation>这就是授权包中将包含的全部内容。可能的敏感信息默认会脱敏，除非你另作选择。</translation>
    </message>
    <message>
        <source>Reading the entries…</source>
        <translation>正在读取条目…</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>&amp;Send the entries&apos; attachments (images without their metadata)</source>
        <translation>发送条目的附件（图片会去除元数据）(&amp;S)</translation>
    </message>
    <message>
        <source>Entries to review</source>
        <translation>待检查的条目</translation>
    </message>
    <message>
        <source>&amp;Leave This Entry Out</source>
        <translation>排除此条目(&amp;L)</translation>
    </message>
    <message>
        <source>What leaves</source>
        <translation>将发出的内容</translation>
    </message>
    <message>
        <source>How revocation reaches them</source>
        <translation>撤销如何通知对方</translation>
    </message>
    <message>
        <source>Review error</source>
        <translation>检查出错</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现内容</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Possibly sensitive items</source>
        <translation>可能的敏感信息</translation>
    </message>
    <message>
        <source>The terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>in the trash</source>
        <translation>在回收站中</translation>
    </message>
    <message>
        <source>private</source>
        <translation>私密</translation>
    </message>
    <message>
        <source>{title} (left out: {reason})</source>
        <translation>{title}（已排除：{reason}）</translation>
    </message>
    <message>
        <source>You have not compared fingerprints with {name}: the package can only be opened with the keys on their card ({fp}). Compare them aloud or on paper before you send it.</source>
        <translation>你还没有与 {name} 核对过指纹：授权包只能用对方名片上的密钥（{fp}）打开。发送之前，请当面念出或在纸上与对方核对。</translation>
    </message>
    <message numerus="yes">
        <source>%n entries will leave your vault for {name}.</source>
        <translation>
            <numerusform>将有 %n 个条目离开你的保险库，发给 {name}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Possibly sensitive items: %n (redacted: {redacted}, included as written: {included}).</source>
        <translation>
            <numerusform>可能的敏感信息：%n 处（已脱敏：{redacted}，按原文保留：{included}）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out on review: %n entries.</source>
        <translation>
            <numerusform>检查时排除了 %n 个条目。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Attachments leaving with them: %n.</source>
        <translation>
            <numerusform>随条目发出的附件：%n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>The attachments are more than one license may carry ({count} files, {size} MiB at most): leave out some entries or the attachments to go on.</source>
        <translation>附件超出了一份授权可携带的上限（最多 {count} 个文件、{size} MiB）：请排除部分条目或不发送附件后再继续。</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged images cannot be cleaned of their metadata: leave out their entries or the attachments to go on.</source>
        <translation>
            <numerusform>有 %n 张损坏的图片无法清除元数据：请排除这些条目或不发送附件后再继续。</numerusform>
        </translation>
    </message>
    <message>
        <source>Put at least one entry back to go on.</source>
        <translation>请至少放回一个条目才能继续。</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>已排除</translation>
    </message>
    <message numerus="yes">
        <source>%n sensitive</source>
        <translation>
            <numerusform>%n 处敏感信息</numerusform>
        </translation>
    </message>
    <message>
        <source>template guidance</source>
        <translation>模板提示</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>来源</translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n 个附件</numerusform>
        </translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>{title} ({marks})</source>
        <translation>{title}（{marks}）</translation>
    </message>
    <message>
        <source>&amp;Put This Entry Back</source>
        <translation>放回此条目(&amp;P)</translation>
    </message>
    <message>
        <source>It still holds the template&apos;s guidance, which would leave with it:</source>
        <translation>它仍含有模板中的提示文字，这些文字会随条目一起发出：</translation>
    </message>
    <message>
        <source>Left out: this entry will not be in the package.</source>
        <translation>已排除：此条目不会包含在授权包中。</translation>
    </message>
    <message>
        <source>No status address: revoking reaches them only at the end date or when you send them a status file.</source>
        <translation>没有状态地址：撤销只会在结束日期，或在你把状态文件发给对方后，才对其生效。</translation>
    </message>
    <message numerus="yes">
        <source>Revoking reaches them through {url}; their copy locks after %n days without a fresh status.</source>
        <translation>
            <numerusform>撤销会通过 {url} 通知对方；如果连续 %n 天没有新的状态，对方的副本就会锁定。</numerusform>
        </translation>
    </message>
    <message>
        <source>The terms {name} will be asked to accept</source>
        <translation>将请 {name} 接受的条款</translation>
    </message>
    <message>
        <source>Choice for {what}</source>
        <translation>{what}的处理方式</translation>
    </message>
    <message>
        <source>Redact: {placeholder}</source>
        <translation>脱敏：{placeholder}</translation>
    </message>
    <message>
        <source>Remove this entry</source>
        <translation>排除此条目</translation>
    </message>
    <message>
        <source>Include anyway</source>
        <translation>仍然包含</translation>
    </message>
    <message>
        <source>a tag</source>
        <translation>某个标签</translation>
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
        <source>attachment name</source>
        <translation>附件名称</translation>
    </message>
    <message>
        <source>attribution</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>note on the pay</source>
        <translation>报酬备注</translation>
    </message>
    <message>
        <source>further terms</source>
        <translation>其他条款</translation>
    </message>
</context>
<context>
    <name>RevocationPage</name>
    <message>
        <source>How revocation reaches them</source>
        <translation>撤销如何通知对方</translation>
    </message>
    <message>
        <source>A license can be revoked before its end date only if their Knowhold can hear about it.</source>
        <translation>只有对方的 Knowhold 能得知撤销，授权才能在结束日期之前撤销。</translation>
    </message>
    <message>
        <source>&amp;Publish my status at an address</source>
        <translation>在某个地址发布我的状态(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;No status address</source>
        <translation>不使用状态地址(&amp;N)</translation>
    </message>
    <message>
        <source>Their Knowhold checks this address for your signed status document, which lists the licenses you have revoked. If it finds none newer than the maximum age, it locks the entries until it does, so a revocation reaches them within that time even if they go offline. Use an address you can publish a file to, such as a synced or web-published folder.</source>
        <translation>对方的 Knowhold 会到这个地址查看你签名的状态文件，其中列出了你已撤销的授权。如果找不到在最长期限以内的状态文件，它就会锁定条目，直到找到为止；因此即使对方离线，撤销也会在这段时间内生效。请使用你能发布文件的地址，例如同步文件夹或网络发布的文件夹。</translation>
    </message>
    <message>
        <source>Status address</source>
        <translation>状态地址</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Maximum age</source>
        <translation>最长期限</translation>
    </message>
    <message>
        <source>Without an address, revoking takes effect only at the end date, or when you send them a status file yourself and they load it. The ledger will remind you.</source>
        <translation>没有地址时，撤销只会在结束日期生效，或在你亲自把状态文件发给对方、对方载入后生效。台账会提醒你。</translation>
    </message>
    <message>
        <source>Status address error</source>
        <translation>状态地址出错</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Lock the entries when the newest status is older than</source>
        <translation>最新状态距今超过此时长即锁定条目：</translation>
    </message>
    <message>
        <source>Knowhold publishes your status to {folder} whenever it changes: this address should serve that folder&apos;s knowhold.status.</source>
        <translation>每当状态变化时，Knowhold 都会把它发布到 {folder}：此地址应能访问该文件夹中的 knowhold.status。</translation>
    </message>
    <message>
        <source>Type the address your status will be published at, or choose no address.</source>
        <translation>请输入发布你的状态的地址，或选择不使用状态地址。</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke License</source>
        <translation>撤销授权</translation>
    </message>
    <message>
        <source>Revoke the license for {licensee}?</source>
        <translation>要撤销给 {licensee} 的授权吗？</translation>
    </message>
    <message numerus="yes">
        <source>License {id}: %n entry(ies), ending {date}.</source>
        <translation>
            <numerusform>授权 {id}：%n 个条目，{date} 结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>It marks the license revoked in your signed status document, with your reason.</source>
        <translation>在你签名的状态文件中把此授权标记为已撤销，并附上你的原因。</translation>
    </message>
    <message>
        <source>When {licensee}&apos;s Knowhold next reads that document, it destroys the licensed content and records why.</source>
        <translation>{licensee} 的 Knowhold 下次读取该文件时，会销毁授权内容并记录原因。</translation>
    </message>
    <message>
        <source>It is for good: a revoked license cannot be renewed. To license again, issue a new one.</source>
        <translation>撤销是永久的：已撤销的授权不能续期。如需再次授权，请签发新的授权。</translation>
    </message>
    <message>
        <source>It cannot pull back copies already made: passages copied out, notes taken from the entries, or files saved from them.</source>
        <translation>无法收回已经产生的副本：摘抄出去的段落、根据条目做的笔记，或从中保存的文件。</translation>
    </message>
    <message>
        <source>The terms allowed training AI models on the entries: what a model already learned from them cannot be taken back.</source>
        <translation>条款允许用这些条目训练 AI 模型：模型已经从中学到的内容无法收回。</translation>
    </message>
    <message>
        <source>This license has no status address: revoking reaches {licensee} only when you send them your status file, or at the end date ({date}) anyway.</source>
        <translation>此授权没有状态地址：撤销要等你把状态文件发给 {licensee} 才会对其生效；否则授权也会在结束日期（{date}）到期。</translation>
    </message>
    <message>
        <source>It reaches them only through your status document: publish it (Knowhold offers to next), and their Knowhold reads it from {url}.</source>
        <translation>撤销只能通过你的状态文件通知对方：请发布状态文件（Knowhold 接下来会提示你），对方的 Knowhold 会从 {url} 读取它。</translation>
    </message>
    <message>
        <source>What revoking does:</source>
        <translation>撤销的作用：</translation>
    </message>
    <message>
        <source>What it does not do:</source>
        <translation>撤销做不到的：</translation>
    </message>
    <message>
        <source>for example: the contract ended</source>
        <translation>例如：合同已结束</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Reason (the licensee will read it):</source>
        <translation>原因（被授权方会看到）(&amp;R)：</translation>
    </message>
    <message>
        <source>Revoke error</source>
        <translation>撤销出错</translation>
    </message>
    <message>
        <source>Revoking</source>
        <translation>正在撤销</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SavePage</name>
    <message>
        <source>Save the license</source>
        <translation>保存授权</translation>
    </message>
    <message>
        <source>Knowhold signs the package, seals it to their keys and records it in your ledger.</source>
        <translation>Knowhold 会签署授权包，用对方的密钥加密封装，并记入你的台账。</translation>
    </message>
    <message>
        <source>&amp;Save License…</source>
        <translation>保存授权(&amp;S)…</translation>
    </message>
    <message>
        <source>The license</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>接收人：</translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>Sensitive items:</source>
        <translation>敏感信息：</translation>
    </message>
    <message>
        <source>Revocation:</source>
        <translation>撤销：</translation>
    </message>
    <message>
        <source>Saved as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <source>Save error</source>
        <translation>保存出错</translation>
    </message>
    <message>
        <source>Check the license once more. Save License… asks where to save the package, then issues it.</source>
        <translation>请再检查一遍授权。点“保存授权…”会询问授权包的保存位置，然后签发授权。</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>{name} ({verified})</source>
        <translation>{name}（{verified}）</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>From {start} to the end of {end}</source>
        <translation>自 {start} 起，至 {end} 当天结束</translation>
    </message>
    <message>
        <source>None found.</source>
        <translation>未发现。</translation>
    </message>
    <message>
        <source>Redacted: {redacted}; included as written: {included}.</source>
        <translation>已脱敏：{redacted}；按原文保留：{included}。</translation>
    </message>
    <message>
        <source>Through {url}</source>
        <translation>通过 {url}</translation>
    </message>
    <message>
        <source>No status address: revoking reaches them only at the end date or by a status file.</source>
        <translation>没有状态地址：撤销只会在结束日期，或通过状态文件对其生效。</translation>
    </message>
    <message>
        <source>Issuing the License</source>
        <translation>正在签发授权</translation>
    </message>
    <message>
        <source>Packaging the entries for {name}…</source>
        <translation>正在为 {name} 打包条目…</translation>
    </message>
    <message>
        <source>Checking entry {done} of {total}</source>
        <translation>正在检查第 {done} 个条目，共 {total} 个</translation>
    </message>
    <message>
        <source>Signing and writing the package…</source>
        <translation>正在签署并写入授权包…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was issued, recorded or saved.</source>
        <translation>已取消：没有签发、记录或保存任何内容。</translation>
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
    <name>SelectionPage</name>
    <message>
        <source>What to license</source>
        <translation>授权哪些条目</translation>
    </message>
    <message>
        <source>Tick the entries to include. Private entries are never licensed: they are greyed.</source>
        <translation>勾选要包含的条目。私密条目永不授权，显示为灰色。</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Search the entries</source>
        <translation>搜索条目</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Only &amp;chosen</source>
        <translation>只显示已选(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Tick All Shown</source>
        <translation>勾选所显示的全部(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Untick All Shown</source>
        <translation>取消勾选所显示的全部(&amp;U)</translation>
    </message>
    <message>
        <source>Entries chosen</source>
        <translation>已选条目</translation>
    </message>
    <message>
        <source>Entries error</source>
        <translation>条目出错</translation>
    </message>
    <message>
        <source>#{tag} ({count})</source>
        <translation>#{tag}（{count}）</translation>
    </message>
    <message numerus="yes">
        <source>%n entries chosen</source>
        <translation>
            <numerusform>已选 %n 个条目</numerusform>
        </translation>
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
        <source>Lock when the window is &amp;minimised</source>
        <translation>窗口最小化时锁定(&amp;M)</translation>
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
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>This desktop shows no tray icons.</source>
        <translation>此桌面不显示托盘图标。</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
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
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Sidebar: what the list shows</source>
        <translation>侧边栏：选择列表显示的内容</translation>
    </message>
    <message>
        <source>License Entries Tagged #{tag}…</source>
        <translation>授权带 #{tag} 标签的条目…</translation>
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
        <source>Licenses</source>
        <translation>授权</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收到</translation>
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
        <source>{name}, %n licenses</source>
        <translation>
            <numerusform>{name}，%n 项授权</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name}, %n entries</source>
        <translation>
            <numerusform>{name}，%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <source>Licenses you gave: who has which entries, until when, for what pay.</source>
        <translation>你发出的授权：谁拥有哪些条目、到什么时候、报酬多少。</translation>
    </message>
    <message>
        <source>Licenses you received: open a package, read what it licenses, accept its terms.</source>
        <translation>你收到的授权：打开授权包，查看授权内容，接受条款。</translation>
    </message>
</context>
<context>
    <name>SkillExport</name>
    <message>
        <source>The terms do not permit AI look-up, so these entries cannot be given to an AI agent as a skill.</source>
        <translation>条款不允许 AI 查阅，因此这些条目不能作为技能交给 AI 智能体。</translation>
    </message>
    <message>
        <source>Only a license in force can be exported as a skill; its content cannot be read now.</source>
        <translation>只有生效中的授权才能导出为技能；此授权的内容现在无法读取。</translation>
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
    <name>StatusCount</name>
    <message>
        <source>Number of entries shown</source>
        <translation>显示的条目数</translation>
    </message>
    <message>
        <source>More than {count} results</source>
        <translation>超过 {count} 个结果</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>No results</source>
        <translation>没有结果</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusRefresher</name>
    <message>
        <source>There is no file at {path}.</source>
        <translation>{path} 处没有文件。</translation>
    </message>
    <message>
        <source>{name} is a folder, not a status file.</source>
        <translation>{name} 是文件夹，不是状态文件。</translation>
    </message>
    <message>
        <source>{name} is larger than any status file can be.</source>
        <translation>{name} 太大，不可能是状态文件。</translation>
    </message>
    <message>
        <source>{name} cannot be read: you may not have permission to open it.</source>
        <translation>无法读取 {name}：你可能没有打开它的权限。</translation>
    </message>
    <message>
        <source>The status could not be fetched: something unexpected went wrong. The details are in the log.</source>
        <translation>无法获取状态：发生了意外错误，详细信息已记录在日志中。</translation>
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
    <name>TermsPage</name>
    <message>
        <source>Save as Preset</source>
        <translation>另存为预设</translation>
    </message>
    <message>
        <source>Name for these terms:</source>
        <translation>这组条款的名称：</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>What they may do with the entries, for how long, and for what pay.</source>
        <translation>对方可以用这些条目做什么、可以用多久、报酬多少。</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;Save as Preset…</source>
        <translation>另存为预设(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Delete Preset</source>
        <translation>删除预设(&amp;D)</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束日期</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>AI look-up and AI training are not the same: look-up reads the entries while the license lasts; training puts them into a model for good.</source>
        <translation>AI 查阅和 AI 训练不是一回事：查阅只在授权期内读取条目；训练则会把条目永久地融入模型。</translation>
    </message>
    <message>
        <source>Require a person to review what an AI produces from these entries before it is used</source>
        <translation>AI 根据这些条目生成的内容，须经人工审核后才能使用</translation>
    </message>
    <message>
        <source>Ask for a signed report each month of how often each entry was found and read</source>
        <translation>要求对方每月提交签名报告，说明每个条目被搜索到和阅读的次数</translation>
    </message>
    <message>
        <source>Optional. For example: Li Wei, support lead</source>
        <translation>选填。例如：李伟，客服主管</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>署名</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>once</source>
        <translation>一次性</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>per year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>Optional. For example: invoiced on the 1st</source>
        <translation>选填。例如：每月 1 日开票</translation>
    </message>
    <message>
        <source>Note on the pay</source>
        <translation>报酬备注</translation>
    </message>
    <message>
        <source>Optional. Anything else they agree to, in your words.</source>
        <translation>选填。用你自己的话写下对方还需同意的其他内容。</translation>
    </message>
    <message>
        <source>Further terms</source>
        <translation>其他条款</translation>
    </message>
    <message>
        <source>Terms error</source>
        <translation>条款出错</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Uses:</source>
        <translation>用途：</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>审核：</translation>
    </message>
    <message>
        <source>Reports:</source>
        <translation>报告：</translation>
    </message>
    <message>
        <source>Credit:</source>
        <translation>署名：</translation>
    </message>
    <message>
        <source>Pay:</source>
        <translation>报酬：</translation>
    </message>
    <message>
        <source>Further terms:</source>
        <translation>其他条款：</translation>
    </message>
    <message>
        <source>The license must end after it starts, and after today.</source>
        <translation>授权的结束日期必须晚于开始日期，也必须晚于今天。</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>They may read the entries. Always allowed: it is what a license gives.</source>
        <translation>对方可以阅读这些条目。始终允许：这正是授权的基本内容。</translation>
    </message>
    <message>
        <source>Copy passages</source>
        <translation>摘抄段落</translation>
    </message>
    <message>
        <source>They may copy passages from the entries into their own documents.</source>
        <translation>对方可以把条目中的段落摘抄到自己的文档中。</translation>
    </message>
    <message>
        <source>AI look-up</source>
        <translation>AI 查阅</translation>
    </message>
    <message>
        <source>An AI assistant may look things up in the entries to answer their questions, as a person looks in a manual. It learns nothing from them, and when the license ends it can no longer use them.</source>
        <translation>AI 助手可以在条目中查找信息来回答对方的问题，就像人翻阅手册一样。它不会从中学习，授权结束后也不能再使用这些条目。</translation>
    </message>
    <message>
        <source>AI training</source>
        <translation>AI 训练</translation>
    </message>
    <message>
        <source>They may train or fine-tune an AI model on the entries. The model keeps what it learned from them for good: ending or revoking the license cannot take that back.</source>
        <translation>对方可以用这些条目训练或微调 AI 模型。模型会永久保留从中学到的内容：授权结束或被撤销都无法收回。</translation>
    </message>
    <message>
        <source>Pass on</source>
        <translation>转给他人</translation>
    </message>
    <message>
        <source>They may give the entries to other people or companies.</source>
        <translation>对方可以把这些条目交给其他个人或公司。</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <source>Delete the preset “{name}”? Licenses already issued keep their terms.</source>
        <translation>要删除预设“{name}”吗？已签发的授权会保留原有条款。</translation>
    </message>
    <message>
        <source>Delete Preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>TermsView</name>
    <message>
        <source>Terms text</source>
        <translation>条款正文</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Uses:</source>
        <translation>用途：</translation>
    </message>
    <message>
        <source>Human review:</source>
        <translation>人工审核：</translation>
    </message>
    <message>
        <source>Attribution:</source>
        <translation>署名：</translation>
    </message>
    <message>
        <source>Compensation:</source>
        <translation>报酬：</translation>
    </message>
    <message>
        <source>Usage reports:</source>
        <translation>使用报告：</translation>
    </message>
    <message>
        <source>Further terms:</source>
        <translation>其他条款：</translation>
    </message>
    <message>
        <source>From {start} until {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>A person must review what an AI produces from these entries before it is used.</source>
        <translation>AI 根据这些条目生成的内容，必须先经人工审核才能使用。</translation>
    </message>
    <message>
        <source>Not required.</source>
        <translation>不要求。</translation>
    </message>
    <message>
        <source>None asked for.</source>
        <translation>未要求。</translation>
    </message>
    <message>
        <source>Each month the licensee sends a signed report of how often each entry was found and read (Save Usage Report… in the app, or knowhold received usage-report).</source>
        <translation>被授权方每月发送一份签名报告，说明每个条目被搜索到和阅读的次数（在程序中点“保存使用报告…”，或使用 knowhold received usage-report）。</translation>
    </message>
    <message>
        <source>The entries may be read.</source>
        <translation>可以阅读这些条目。</translation>
    </message>
    <message>
        <source>Passages may be copied out of the entries into other documents.</source>
        <translation>可以把条目中的段落摘抄到其他文档中。</translation>
    </message>
    <message>
        <source>No passage may be copied out of the entries.</source>
        <translation>不得从条目中摘抄任何段落。</translation>
    </message>
    <message>
        <source>AI look-up: an AI assistant may look things up in the entries to answer a question, as a person reads a manual. It is not trained on them.</source>
        <translation>AI 查阅：AI 助手可以在条目中查找信息来回答问题，就像人翻阅手册一样，但不会用这些条目训练它。</translation>
    </message>
    <message>
        <source>AI look-up: no AI assistant may look things up in the entries.</source>
        <translation>AI 查阅：不得让任何 AI 助手在条目中查找信息。</translation>
    </message>
    <message>
        <source>AI training: the entries may be used to train or fine-tune an AI model. The model keeps what it learned from them, even after the license ends.</source>
        <translation>AI 训练：可以用这些条目训练或微调 AI 模型。即使授权结束，模型也会保留从中学到的内容。</translation>
    </message>
    <message>
        <source>AI training: no AI model may be trained or fine-tuned on the entries.</source>
        <translation>AI 训练：不得用这些条目训练或微调任何 AI 模型。</translation>
    </message>
    <message>
        <source>The entries may be passed on to others.</source>
        <translation>可以把这些条目转给他人。</translation>
    </message>
    <message>
        <source>The entries may not be passed on to anyone else.</source>
        <translation>不得把这些条目转给任何其他人。</translation>
    </message>
    <message>
        <source>None: this license is unpaid.</source>
        <translation>无：此授权为无偿授权。</translation>
    </message>
    <message>
        <source>{amount} {currency}, paid once</source>
        <translation>{amount} {currency}，一次性支付</translation>
    </message>
    <message>
        <source>{amount} {currency} per month</source>
        <translation>每月 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency} per year</source>
        <translation>每年 {amount} {currency}</translation>
    </message>
    <message>
        <source>{amount} {currency}</source>
        <translation>{amount} {currency}</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message numerus="yes">
        <source>ended %n day(s) ago</source>
        <translation>
            <numerusform>%n 天前结束</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ended %n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前结束</numerusform>
        </translation>
    </message>
    <message>
        <source>ended less than an hour ago</source>
        <translation>不到一小时前结束</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>%n 小时后</numerusform>
        </translation>
    </message>
    <message>
        <source>in less than an hour</source>
        <translation>不到一小时后</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Knowhold export {date}</source>
        <translation>Knowhold 导出 {date}</translation>
    </message>
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
    <name>Tray</name>
    <message>
        <source>&amp;Show Knowhold</source>
        <translation>显示 Knowhold(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>UndoTrash</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo Move to Trash</source>
        <translation>撤销移到回收站</translation>
    </message>
    <message>
        <source>Moved “{title}” to the Trash.</source>
        <translation>已将“{title}”移到回收站。</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Restored “{title}”.</source>
        <translation>已恢复“{title}”。</translation>
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
        <source>Updating the search index (once, after an update)… {done} of {total}</source>
        <translation>正在更新搜索索引（更新后仅此一次）… 第 {done} 个，共 {total} 个</translation>
    </message>
</context>
<context>
    <name>UsageBox</name>
    <message>
        <source>Usage, as the licensee reports it</source>
        <translation>使用情况（被授权方报告）</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Usage per entry</source>
        <translation>按条目的使用情况</translation>
    </message>
    <message>
        <source>Usage per month</source>
        <translation>按月的使用情况</translation>
    </message>
    <message>
        <source>A usage report is overdue: the terms ask for one each month.</source>
        <translation>使用报告已逾期：条款要求每月一份。</translation>
    </message>
    <message>
        <source>No usage report imported yet.</source>
        <translation>尚未导入使用报告。</translation>
    </message>
    <message>
        <source>Returned by search {returned} times, read in full {read} times (reports: {reports}, up to {until}). The licensee&apos;s own count, signed.</source>
        <translation>被搜索返回 {returned} 次，完整阅读 {read} 次（报告：{reports} 份，截至 {until}）。这是被授权方自己签名的统计。</translation>
    </message>
</context>
<context>
    <name>UsageImporter</name>
    <message>
        <source>There is no such file.</source>
        <translation>没有这个文件。</translation>
    </message>
    <message>
        <source>This is a folder, not a usage report.</source>
        <translation>这是文件夹，不是使用报告。</translation>
    </message>
    <message>
        <source>This file is larger than any usage report can be.</source>
        <translation>这个文件太大，不可能是使用报告。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>Usage report {sequence} of license {id} was already imported: nothing changed.</source>
        <translation>授权 {id} 的使用报告 {sequence} 已经导入过：没有任何改动。</translation>
    </message>
    <message>
        <source>Imported {licensee}&apos;s usage report {sequence} of license {id}.</source>
        <translation>已导入 {licensee} 关于授权 {id} 的使用报告 {sequence}。</translation>
    </message>
    <message>
        <source>{file} was not imported: {reason}</source>
        <translation>{file} 未导入：{reason}</translation>
    </message>
</context>
<context>
    <name>UsageModel</name>
    <message>
        <source>Returned by search</source>
        <translation>被搜索返回</translation>
    </message>
    <message>
        <source>Read in full</source>
        <translation>完整阅读</translation>
    </message>
</context>
<context>
    <name>VerifyContactDialog</name>
    <message>
        <source>Verify a Contact</source>
        <translation>验证联系人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Mark as &amp;Verified</source>
        <translation>标记为已验证(&amp;V)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
        <source>Choose a folder for the vault.</source>
        <translation>请为保险库选择一个文件夹。</translation>
    </message>
    <message>
        <source>Type the folder&apos;s whole path, or choose it with Browse….</source>
        <translation>请输入文件夹的完整路径，或点击“浏览…”选择。</translation>
    </message>
    <message>
        <source>That is a file, not a folder. Choose a folder for the vault.</source>
        <translation>这是文件，不是文件夹。请为保险库选择一个文件夹。</translation>
    </message>
    <message>
        <source>This folder cannot be read. Choose another one.</source>
        <translation>无法读取此文件夹。请另选一个。</translation>
    </message>
    <message>
        <source>This folder is not empty. Choose an empty folder, or add a new folder&apos;s name at the end: the vault keeps a folder of its own.</source>
        <translation>此文件夹不是空的。请选择一个空文件夹，或在路径末尾加上一个新文件夹名：保险库需要一个单独的文件夹。</translation>
    </message>
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
        <source>Vault folder</source>
        <translation>保险库文件夹</translation>
    </message>
    <message>
        <source>&amp;Keep the vault in this folder:</source>
        <translation>将保险库保存在此文件夹(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>A folder that does not exist yet is made.</source>
        <translation>尚不存在的文件夹会被创建。</translation>
    </message>
    <message>
        <source>Vault folder problem</source>
        <translation>保险库文件夹有问题</translation>
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
        <source>Export as Markdown by Kin&amp;d…</source>
        <translation>按类型导出为 Markdown(&amp;D)…</translation>
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
        <source>&amp;Open License…</source>
        <translation>打开授权(&amp;O)…</translation>
    </message>
    <message>
        <source>C&amp;ontacts…</source>
        <translation>联系人(&amp;O)…</translation>
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
        <source>&amp;Find in Entry…</source>
        <translation>在条目中查找(&amp;F)…</translation>
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
        <source>&amp;License…</source>
        <translation>授权(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Knowhold</source>
        <translation>关于 Knowhold(&amp;A)</translation>
    </message>
</context>
<context>
    <name>checks</name>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Signed by the licensor&apos;s key, and unchanged since it was signed.</source>
        <translation>由授权方的密钥签名，签名后未被改动。</translation>
    </message>
    <message>
        <source>Not a valid license package: it is damaged, was altered after it was signed, or is not a package at all.</source>
        <translation>不是有效的授权包：它已损坏、签名后被改动过，或者根本不是授权包。</translation>
    </message>
    <message>
        <source>Not checked.</source>
        <translation>未检查。</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Every entry opens and is exactly what the licensor signed.</source>
        <translation>每个条目都能打开，且与授权方签名的内容完全一致。</translation>
    </message>
    <message>
        <source>The content is not what the licensor signed: it was altered or swapped.</source>
        <translation>内容与授权方签名的不一致：已被改动或调包。</translation>
    </message>
    <message>
        <source>Not checked: only the vault it is addressed to can open the content.</source>
        <translation>未检查：只有接收此授权包的保险库才能打开其内容。</translation>
    </message>
    <message>
        <source>Addressed to this vault</source>
        <translation>发给此保险库</translation>
    </message>
    <message>
        <source>Made for this vault: only you can open it.</source>
        <translation>专为此保险库制作：只有你能打开。</translation>
    </message>
    <message>
        <source>Not addressed to this vault: it was made for someone else, and only they can open it.</source>
        <translation>不是发给此保险库的：它是为别人制作的，只有对方能打开。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock</source>
        <translation>这台电脑的时钟</translation>
    </message>
    <message>
        <source>The clock agrees with the times this vault has seen.</source>
        <translation>时钟与此保险库记录过的时间相符。</translation>
    </message>
    <message>
        <source>This computer&apos;s clock looks wrong: correct it before adding licenses.</source>
        <translation>这台电脑的时钟似乎不对：请先校正时钟，再添加授权。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>The license has started.</source>
        <translation>授权已开始。</translation>
    </message>
    <message>
        <source>The license has not started yet. You can add it now; its content stays locked until it starts.</source>
        <translation>授权尚未开始。你现在就可以添加它；开始之前，其内容保持锁定。</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>The license has not ended.</source>
        <translation>授权尚未结束。</translation>
    </message>
    <message>
        <source>The license has ended: it can no longer be added.</source>
        <translation>授权已结束：无法再添加。</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Not revoked, as far as this vault knows.</source>
        <translation>据此保险库所知，未被撤销。</translation>
    </message>
    <message>
        <source>The licensor has revoked this license: it can no longer be added.</source>
        <translation>授权方已撤销此授权：无法再添加。</translation>
    </message>
    <message>
        <source>Status updates</source>
        <translation>状态更新</translation>
    </message>
    <message>
        <source>The licensor&apos;s latest status is recent enough.</source>
        <translation>授权方的最新状态足够新。</translation>
    </message>
    <message>
        <source>No recent enough status from the licensor. You can add it now; its content stays locked until a newer status arrives.</source>
        <translation>没有授权方足够新的状态。你现在就可以添加它；收到更新的状态之前，其内容保持锁定。</translation>
    </message>
    <message>
        <source>This license does not ask for status updates.</source>
        <translation>此授权不要求状态更新。</translation>
    </message>
    <message>
        <source>Licensor trusted</source>
        <translation>授权方可信</translation>
    </message>
    <message>
        <source>The licensor is one of your contacts.</source>
        <translation>授权方是你的联系人之一。</translation>
    </message>
    <message>
        <source>The licensor is not one of your contacts yet: compare their fingerprint below.</source>
        <translation>授权方还不是你的联系人：请在下方核对其指纹。</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>What the license allows is set out in full under Terms.</source>
        <translation>授权允许的全部内容，详见“条款”。</translation>
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
        <source>origin</source>
        <translation>来源</translation>
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
    <name>presets</name>
    <message>
        <source>AI look-up only, 90 days, human review</source>
        <translation>仅限 AI 查阅，90 天，人工审核</translation>
    </message>
    <message>
        <source>Read and quote, one year</source>
        <translation>阅读和摘抄，一年</translation>
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
