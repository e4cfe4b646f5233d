# Prose lines stay unwrapped: a line break inside a Chinese paragraph renders
# as a stray space, and these bodies are shown exactly as they are stored.
# ruff: noqa: E501
"""The demo vault: a worker's knowledge to explore before writing one's own.

The samples are what the app is for, the judgment a senior worker carries
around and rarely writes down: a support lead's escalation rule, a sales
engineer's discovery call, a line supervisor's first-piece checklist, a
dispatcher's 春节 peak. About half are in Chinese. A few have several
versions, two are private, and one holds a (fake) customer email and mobile
number that the sensitive-data scanner should flag before anything is
shared. This module is long because it is mostly text; the code is
``fill_demo`` and ``create_demo`` at the end.

Times come from the vault's injected clock, never the real one, spread over
the past months so lists and history look lived-in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from knowhold.vault.errors import VaultExists
from knowhold.vault.licensing.demo import add_demo_licenses
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.storage import DB_NAME, KEY_NAME, LOCK_NAME, Vault

DEMO_PASSPHRASE = "demo-knowhold-2026"
DEMO_NAME = "Demo worker (演示)"
DEMO_PACKAGES = "packages"  # the demo's license files, in a folder beside the vault's own
DAY = 86_400


@dataclass(frozen=True, slots=True)
class Revision:
    """A later save of a sample: ``(old, new)`` replacements in the previous body."""

    days_ago: int
    changes: tuple[tuple[str, str], ...]

    def apply(self, body: str) -> str:
        for old, new in self.changes:
            if old not in body:
                # The samples are constants; this only fires if one is edited carelessly.
                raise ValueError(f"Demo revision text not found: {old[:40]!r}")
            body = body.replace(old, new, 1)
        return body


@dataclass(frozen=True, slots=True)
class Sample:
    kind: str
    title: str
    body: str  # the first version; revisions are applied to it in order
    tags: tuple[str, ...]
    days_ago: int
    private: bool = False
    revisions: tuple[Revision, ...] = ()


# -- playbooks -------------------------------------------------------------------

_DISCOVERY = """\
## Goal
Leave the first call knowing whether there is a real problem, who owns it, what it costs them today, and what would have to be true for them to buy this quarter. A demo is not the goal; most first calls should end without one.

## When to use
The first technical conversation with a new account, or with a new team inside an existing account. Not for renewals: those have their own playbook.

## Steps
1. **Prepare for fifteen minutes, not an hour.** Read their last two job postings for engineers and operations staff; postings tell you which tools they run and which pain they are hiring around. Check whether anyone here has talked to them before (CRM notes, support tickets from a trial).
2. **Open with their agenda.** "Before I say anything about us: what would make this half hour worth it for you?" Write their words down exactly; you will quote them back in the follow-up.
3. **Ask about the last time it went wrong.** Not "what are your challenges" but "tell me about the last time the nightly import failed. Who noticed? What did it cost?" Specific incidents give you numbers; general questions give you slogans.
4. **Find the money and the calendar.** "If this got fixed, what would you stop paying for or stop doing?" and "Is there a date this has to be solved by: an audit, a launch, a contract renewal?" No date usually means no deal this quarter.
5. **Map the people.** Who else feels this pain? Who signs? Who could block it (security, procurement, the engineer who built the current workaround)? The person who built the workaround is the most dangerous and the most useful person in the account.
6. **Only now, show one thing.** If they ask, show the single feature that addresses the incident they described, in their words. Never tour the product.
7. **Agree the next step before hanging up**, with a date and named people. "Send me some material" is not a next step.

## Pitfalls
- Talking more than a third of the time. Record the call (with permission) and check.
- Accepting "we're just exploring". Ask what triggered the exploring now; something did.
- Answering a pricing question on the first call with a number. Give a range and the main cost driver, then ask about their budget cycle.

## What done looks like
A one-page note in the CRM within an hour: the incident in their words, the cost, the date, the people map and the agreed next step. If I can't fill in the date and the people, the opportunity stays at "qualify", however friendly the call was.
"""

_REVIEW_MEETING_ZH = """\
## 目标
在故障处理完一周内，让所有相关的人对"发生了什么、为什么会发生、以后怎么避免"达成一致，并且留下能跟踪的改进项。复盘不是追责会，目标是改系统，不是找人。

## 何时使用
影响到客户的 P1、P2 故障；或者虽然没有影响客户，但差一点就出大事的情况，比如备份连续三天失败才被发现。

## 步骤
1. **故障结束后 24 小时内指定复盘负责人。** 一般是当班的值班负责人，不是闯祸的人，也不是职位最高的领导。
2. **先整理时间线，再开会。** 负责人从告警记录、聊天记录和工单里把时间线拉出来，精确到分钟，会前发给所有人补充。开会的时间不要浪费在回忆"几点谁说了什么"上。
3. **会上只问"为什么"，不问"是谁"。** 有人说"是小王改错了配置"，主持人要把问题转成"为什么改错的配置能上线"。
4. **至少问到第三层原因。** 第一层往往是直接原因（配置错了），第二层是流程（没有审核），第三层才是真正能改的东西（配置变更没有走发布系统）。
5. **改进项要有负责人和日期。** 每条改进项写清楚谁做、什么时候做完、怎么验证做完了。没有负责人的改进项等于没有。
6. **两周后回看一次。** 在周会上花五分钟过一遍改进项的状态，没完成的要说明原因。

## 常见坑
- 复盘会开成了检讨会，当事人不敢说实话，时间线里就会出现"空白的二十分钟"。
- 改进项写成"加强意识""提高警惕"，这种条目永远完成不了，也没法验证。
- 领导在会上第一个发言定调，后面的人就只会附和。

## 完成的标准
复盘文档在一周内归档：时间线完整，根因至少分析到第三层，每条改进项都有负责人和日期；两周后回看时，大部分改进项已经关闭。
"""

_COMPLAINT_ZH = """\
## 目标
大客户的投诉在四小时内有专人跟进，二十四小时内给客户一个明确的处理方案，而不是一句"我们正在处理"。

## 何时使用
年合同额在五十万以上的客户；或者客户方总监级以上的人直接发来的投诉；或者投诉里出现了"考虑更换供应商""找法务"这类字眼。

## 步骤
1. 收到投诉后先打电话，不要先回邮件。电话里只做三件事：道歉、确认问题、告诉对方下一次联系的具体时间。
2. 同时在内部群里拉上客户成功经理、技术负责人和销售，说明情况，指定唯一的对外联系人。客户最反感的就是三个人给出三种说法。
3. 技术负责人两小时内给出初步判断：是个案还是普遍问题，有没有临时绕过的办法。
4. 给客户的方案写清楚三部分：现在能做什么（临时方案），什么时候彻底解决，我们会怎么补偿或者保证不再发生。
5. 问题解决后一周内，由客户成功经理回访一次，确认客户那边真的恢复了。
6. 内部做一次简短的复盘，重点看是哪个环节让问题拖到客户发火才被发现。

## 常见坑
- 为了显得重视，一下子把副总裁拉进群，结果客户以后每件小事都直接找副总裁。
- 在原因没有查清楚之前就承诺赔偿金额。
- 只顾着解决技术问题，忘了给客户的对接人准备一份他能拿去向自己领导汇报的说明。对接人在他领导面前有交代，这次投诉才算真正结束。

## 完成的标准
客户书面确认问题已经解决；内部有一份复盘记录；下一次续约谈判中，客户没有再把这件事当成压价的筹码。
"""

# -- heuristics ------------------------------------------------------------------

_ESCALATION = """\
## Rule
If a customer has to explain the same problem a second time, to a second person, escalate the ticket to a senior agent straight away, whatever its priority label says.

## When it applies
Any ticket that has been handed between agents, reopened after being marked solved, or moved between channels (chat to email to phone). The trigger is repetition, not anger: a polite customer repeating themselves is closer to leaving than an angry one on first contact.

## Exceptions
- The customer is repeating because we asked for new information (logs, an order number). That is progress, not repetition.
- Tickets about a known outage during an incident: they go to the incident queue, and the incident lead answers them in bulk.
- Billing disputes go to finance, not to a senior agent; escalating them inside support only adds a third person.

## Why it works
Priority labels are set at intake, from the first message, before anyone knows how hard the problem is. Repetition is the best signal we have that the first answer did not fit: either the problem is harder than it looked, or the customer's situation is unusual. Both need judgment, not a macro. It also catches our own hand-off failures, which customers remember longer than the original bug.

In last year's numbers, customers who had to repeat themselves churned at roughly three times the rate of the others, even when the ticket was eventually solved.

## Example
A customer reported that exports "sometimes" had missing rows. The first agent sent the CSV-encoding macro; the ticket was reopened two days later with the same description. Escalated at that point, the senior agent asked for the account's time zone and found that exports spanning midnight UTC dropped the last hour. No macro would have found that.
"""

_CODE_REVIEW = """\
## Rule
Open the test changes before the code changes. If I can't tell from the tests what the change is supposed to do, that is my first review comment, and I don't read further until it is answered.

## When it applies
Any pull request that changes behaviour. For a pure refactor, read the diff of the tests to confirm that they did *not* change; a refactor that needs test changes is not a pure refactor.

## Exceptions
- Prototypes and spikes that are clearly labelled as throwaway.
- Generated code, vendored libraries and lock files: review the generator or the version bump instead.
- Emergency fixes during an incident: approve with a follow-up ticket for the tests, and actually look at that ticket a week later.

## Why it works
Tests are the author's claim about what the code does. Reading them first means I review the claim and then check the code against it, instead of reverse-engineering the intent from the implementation and then agreeing with whatever it happens to do. It also finds missing cases fast: if the tests only cover the happy path, I know where to look in the code.

It keeps reviews short for the author too: "what should happen when the list is empty?" is easier to answer than twenty line comments.

## Example
A pull request added retries to the payment client. The tests checked that a timeout was retried three times; nothing checked that a declined card was *not* retried. The code retried every exception, declines included: three charge attempts on a declined card in a few seconds would have tripped the bank's fraud rules for that merchant account.
"""

_BUYER_ZH = """\
## 规则
第一次会谈谁都可以来。第二次会谈如果对方还是只派了同一个对接人，没有带上要用这个系统的人或者管预算的人，就先把这个商机降级，不投入售前资源做定制演示。

## 适用场景
新客户、金额在二十万以上、需要对方内部多个部门配合的项目。小单或者老客户增购不适用，这类单子一个人就能拍板。

## 例外
- 对方是创始人或者总经理本人在对接，他一个人就是整条决策链。
- 对方明确告诉你内部正在走预算流程，第二次会是为了准备立项材料。这时候要主动帮他准备材料，而不是降级。
- 政府和国企项目节奏不同，第二次会往往还是只有信息中心的人，要看的是有没有发出招标意向。

## 为什么有效
真正要买的客户，内部一定有人在推动，推动的表现就是愿意把别人拉进来：用户想确认好不好用，领导想确认值不值，IT 想确认能不能接得上。只有一个对接人反复来开会，通常说明他自己在做调研、做比价，或者只是在完成上级布置的"了解一下"任务。我们把最贵的售前工程师投在这种单子上，季度末做复盘时几乎每次都发现是白忙一场。

## 例子
去年有一家制造业客户，对接的是 IT 主管，前后开了四次会，每次都说"领导很重视"。第四次我们坚持要见一下生产部门的人，对方推了两周，最后说预算要明年再看。后来在一次行业会议上碰到他们的生产总监，他根本不知道有这个项目。
"""

# -- decisions -------------------------------------------------------------------

_CARRIER = """\
## Context
Our less-than-truckload lane from the Guangzhou warehouse to customers in Chengdu runs about 40 shipments a week. Since March the incumbent carrier, Northwind Express, has missed the 72-hour delivery promise on roughly 18% of shipments, up from 6% last year. Two key accounts in Chengdu have complained in writing. The Northwind contract renews on 30 June.

## Options considered
1. **Stay with Northwind and negotiate penalties.** Cheapest per kilo, and their rep offered a 3% rebate on late loads. It does not fix the lateness: their Chengdu hub is overloaded and they have no plan to expand it.
2. **Move the lane to Huayun Freight.** About 8% more per kilo. They run a direct trunk to Chengdu three times a week and have their own depot on the east side, close to most of our customers. On a four-week trial (60 shipments) they were late twice.
3. **Split the lane between both.** Keeps leverage on price, but doubles the booking work for dispatch and makes it harder to see which carrier causes which problem.
4. **Use our 3PL's consolidated network.** Reliable, but 20% dearer and a day slower, which breaks the 72-hour promise by design.

## Decision
Option 2: move the whole lane to Huayun from 1 July, on a one-year contract with a 60-day exit clause.

## Rationale
The 8% increase is about ¥9,000 a month. Losing one Chengdu key account would cost more than that in a single quarter. The trial results were measured by us, not reported by the carrier. Splitting the lane was procurement's preference, but it would cost dispatch half a day a week and would hide the problem rather than solve it.

## Consequences
- Dispatch needs new booking templates, and Huayun's cut-off is 15:00, an hour earlier than Northwind's.
- Finance must update the freight accrual.
- We lose Northwind's bundled rate on the Chongqing lane, which has to be re-quoted separately.

## Revisit when
- Huayun's on-time rate is below 92% for two months running, or
- Northwind opens its new Chengdu hub (announced for next spring) and re-quotes.
"""

_INSPECTION_ZH = """\
## 背景
二号总装线过去一直在线尾做终检，每批抽检 5%。今年一季度的客户退货中，有七成是拧紧扭矩不足导致的松动。这类问题在终检时很难发现，因为螺丝拧上了，外观也没问题。一季度因此产生的返工和退货损失大约 14 万元。

## 考虑过的选项
1. 终检抽检比例从 5% 提高到 20%：最简单，但检验员要从两个增加到五个，而且扭矩问题在终检时依然看不出来。
2. 每个拧紧工位换成带数据记录的电动扭矩枪：能从根本上解决问题，但六个工位的设备投入约 36 万元，采购周期三个月。
3. 改为首件检验加每两小时巡检：每个班次开线、换型、换料后的第一件，由班组长和检验员共同确认；巡检员每两小时在每个拧紧工位抽查五件产品的扭矩。

## 决定
先执行方案三，同时申请方案二的预算，明年上半年分两批更换扭矩枪。

## 理由
扭矩问题主要出现在换型和换班之后，首件检验正好卡在这些时间点上。巡检不需要增加人手，原来的两名终检员改为一人终检、一人巡检。方案二是最终方案，但等设备的三个月里不能什么都不做。

## 影响
- 班组长每次开线要多花大约十分钟做首件确认，早班开线时间从 7:50 提前到 7:40。
- 要给巡检员配两把数显扭矩扳手，每季度送计量室校准一次。
- 终检抽检比例维持 5%，作为最后一道防线，不取消。

## 何时重新评估
扭矩枪全部更换后，看三个月的数据再决定是否取消巡检。如果首件检验执行两个月后扭矩相关的退货没有下降一半，就提前对这个决定做一次复盘。
"""

_MACROS = """\
## Context
Each of our nine support agents kept their own saved replies: in the helpdesk, in text files, one in a sticky-note app. When the refund policy changed in May, at least four different versions of the refund answer were still going out three weeks later, and one agent was still promising a 60-day window we had dropped.

## Options considered
1. Leave it as it is and announce policy changes by email. That is what we did in May.
2. One shared macro library in the helpdesk, owned by one person, with personal macros switched off.
3. A shared library for policy answers (refunds, shipping, warranty, privacy), with personal macros allowed for everything else.

## Decision
Option 3. Policy answers live only in the shared library. The team lead owns it and reviews it on the first Monday of every month. Personal macros stay for greetings, troubleshooting steps and the like.

## Rationale
The risk is in policy answers, where a wrong sentence costs money or makes a promise we can be held to. Troubleshooting replies are where agents' own wording is often better than anything written centrally, and taking them away would have cost goodwill for little gain. Switching all personal macros off was tried at my previous company: agents simply moved their snippets into text files, where nobody could see or correct them.

## Consequences
- Policy macros carry a "last reviewed" date in their name, so stale ones are visible at a glance.
- A policy change is not announced until its macro has been updated.
- Onboarding now includes a 20-minute walk through the shared library.

## Revisit when
We add a second support language, or the team grows past fifteen people and one owner is no longer enough.
"""

# -- checklists ------------------------------------------------------------------

_FIRST_PIECE_ZH = """\
## 目的
每个班次开线、换型、换批次物料之后，在批量生产之前确认第一件产品完全合格。把问题挡在第一件上，而不是到了线尾才发现一整批都有问题。

## 何时执行
- 每个班次开线时
- 换型号之后
- 更换关键物料批次之后（电机、主控板、紧固件）
- 设备维修或者调整夹具之后

## 检查项
- [ ] 作业指导书的版本与当前生产订单的型号一致，工位上没有旧版本
- [ ] 关键物料的批次号已经记在首件记录表上，并且与领料单一致
- [ ] 六个拧紧工位的扭矩枪已经点检，设定值与作业指导书一致
- [ ] 首件的全部螺丝已用数显扳手复测扭矩，结果记录在表上
- [ ] 线束插接到位，用手轻拉不脱落，卡扣全部扣上
- [ ] 外观无划伤、无缺件，标签位置正确并且能扫码
- [ ] 功能测试台自检通过，首件的功能测试全部合格
- [ ] 上一班的交接记录已经看过，遗留问题的处理情况已经确认
- [ ] 不合格品区已经清空，上一班的不良品已经标识并隔离
- [ ] 班组长和检验员在首件记录表上双签字之后，才开始批量生产

## 备注
首件不合格时，不要调整一下再做一件就了事，要先找原因：是物料、设备还是人。连续两件首件不合格，必须通知工艺工程师到现场。新来的班组长最容易跳过的是看交接记录这一项，带教时要专门盯一下。
"""

_SPRING_CUTOFF_ZH = """\
## 目的
春节前最后一周的订单量是平时的两到三倍，而承运商的运力却一天比一天少。这份清单用来确保节前承诺能送到的货真的送到，送不到的提前告诉客户，而不是节后收到一堆投诉。

## 何时执行
从腊月二十开始，每天下午三点过一遍，直到最后一班车发出。

## 检查项
- [ ] 每家承运商的最后收货日期和各条线路的最后发车日期已经书面确认（微信截图也算），而不是口头说"应该没问题"
- [ ] 偏远地区（新疆、西藏、青海、内蒙古西部）的截单日期比其他地区至少提前三天，已经同步给客服和销售
- [ ] 客服的自动回复和官网公告已经写明节前最后下单时间和节后恢复发货的时间
- [ ] 每天核对一次：已下单未发货的订单里，有没有预计送达时间晚于承运商停运日期的
- [ ] 对上一条里送不到的订单，已经主动联系客户，给出选择：节后发货、改为自提，或者取消
- [ ] 仓库节前最后的作业日、值班人员名单和联系方式已经确认
- [ ] 大客户的节前补货订单已经单独排车，没有和零散订单混在一起
- [ ] 怕冻的货（液体、胶水、电池类）已经按北方线路的低温要求加了保温包装
- [ ] 节后第一周的运力已经提前预约，至少锁定两家承运商

## 备注
往年最大的问题不是货发不出去，而是发出去以后卡在中转站里过年。宁可少发，也不要把货送进一个已经没有人上班的网点。
"""

_QUOTE = """\
## Purpose
Catch the mistakes that turn a won deal into a margin problem or a dispute six months later. Quotes go out in a hurry at the end of a quarter, which is exactly when these slip through.

## When to run it
Every quote above ¥50,000, and every quote that includes services, non-standard payment terms or a discount beyond what I can approve myself.

## Items
- [ ] The customer's legal entity name matches their business licence, not the brand name on their website
- [ ] Quantities and editions match what was agreed on the last call, as written in my notes
- [ ] Implementation and training days are listed separately, with what happens if they are not used within 12 months
- [ ] The discount is within my approval level, or the approval email is attached to the opportunity
- [ ] Payment terms are standard (30 days), or finance has agreed otherwise in writing
- [ ] The price validity date is set (30 days by default; end-of-quarter quotes expire at quarter end)
- [ ] The tax rate is right for the product mix: software and services are taxed differently
- [ ] The renewal price is stated, so year two is not a surprise for either side
- [ ] Nothing in the cover email promises a feature that is on the roadmap but not shipped
- [ ] A colleague has read it if the total is above ¥500,000

## Why the last item matters
Two of my three worst quotes were right arithmetically and wrong in the cover email: a promised integration date, a "we can discuss a discount at renewal". A second reader catches what I no longer see after the fifth draft.
"""

# -- edge cases ------------------------------------------------------------------

_DRIVERS_ZH = """\
## 情况
春节前十天左右开始，承运商嘴上说的运力和实际能派出的车越来越对不上。很多外地司机在腊月二十前后就提前返乡，而承运商往往到最后一刻才告诉你"车没了"。

## 通常会出什么错
- 调度照常按承运商给的发车计划排货，结果货装好了在月台上等了一天，车没有来。
- 承运商临时找来不熟悉线路的司机，送错网点，或者到了客户那里不知道卸货的规矩。
- 为了赶在节前发完，一辆车拼了太多客户的货，最后几家的货卸不下来，又被拉了回来。

## 如何识别
- 承运商的调度回消息明显变慢，或者开始说"尽量安排"，而不是给出具体的车牌号。
- 预约车辆时报来的车牌号和司机电话，和平时合作的不一样。
- 承运商突然要求加价，或者要求把两天的货合成一天发。
- 前一天晚上八点以后还没有收到第二天的车辆信息。

## 怎么处理
1. 从腊月十五开始，要求承运商每天下午五点前发来第二天的车牌号和司机电话。收不到就当作没有车，立刻启动备选承运商。
2. 提前和一到两家本地的小车队谈好节前临时用车的价格。贵一点没关系，关键时刻要能顶上。
3. 新司机第一次送某个客户时，调度要提前把卸货地址、收货时间和现场联系人发给司机，不能只给一个地址。
4. 重要客户的货排在早班车，一旦出问题，当天还有时间补救。
5. 每天晚上和客服核对一次当天没有发出的订单，第二天一早由客服主动通知客户，不要等客户来问。

## 原因
司机大多是按趟结算的个体户，对他们来说，早走两天少挣一点钱，却能买到票、避开堵车。承运商本身也管不住他们，所以这段时间承运商的承诺打折扣是结构性的，不是哪一家承运商不靠谱。每年节后做复盘，运力断档几乎都集中在腊月二十二到二十六这几天。
"""

_PAYER = """\
## Situation
At large customers, especially subsidiaries of a group, the person who signed the contract and the person who releases payment often sit in different companies within the group, sometimes in a different city. Our invoice goes to the signer, who forwards it "to finance", and it disappears.

## What usually goes wrong
- Invoices sit unpaid for 60 to 90 days and nobody notices until the account is flagged for suspension.
- Our collections email goes to the signer, who is embarrassed, and the relationship suffers over what is really a process problem.
- The invoice names the wrong legal entity, the group's shared service centre rejects it, and we have to void and reissue it, which for a fapiao is only simple within the same month.

## How to recognise it
- The contract is signed by a business unit, but the payment terms mention a "group finance centre" or "shared services".
- The purchase order number format does not match the one on the contract.
- The customer asks for the invoice to be "sent to me first so I can check it".

## What to do
1. At signing, ask directly: "Who will actually release the payment, and which legal entity should the invoice be made out to?"
2. Get a named contact in the paying entity and copy them on the invoice email from the start.
3. Set a reminder for ten days after invoicing to confirm receipt with the paying contact, not with the signer.

For the Chengdu account, the group accounts-payable contact is Li Wei, li.wei@example.com, mobile 13800138000. Ask her for the PO number before invoicing; she rejects invoices without one.

## Why
Groups centralise payments to control cash, and the business unit that bought from us has no power to speed them up. Treating the paying entity as a separate stakeholder from day one costs one extra question and saves weeks of chasing.
"""

_RETURNS = """\
## Situation
A customer reports damaged goods, support approves a return, and finance issues the credit note straight away to keep the customer happy ("credit on approval"). Three weeks later the return reaches the warehouse, and it is not what was approved: fewer units, a different model, or units that have clearly been used.

## What usually goes wrong
The warehouse books the return against the RMA number, stock is adjusted for what was expected rather than what arrived, and nobody tells finance. By then the credit has been used against the next invoice, so there is nothing left to correct.

## How to recognise it
- The RMA was approved with credit on approval rather than credit on receipt.
- The returned quantity or serial numbers do not match the RMA.
- The same customer has had more than two credit-on-approval returns in a quarter.

## What to do
1. The warehouse counts and photographs every credit-on-approval return on arrival and records the serial numbers.
2. Any mismatch goes to the account manager the same day, not to finance. The account manager decides whether to chase it or let it go, because they know what the customer is worth.
3. After three mismatches in a year, credit on approval is switched off for that customer: credit on receipt only.

## Why
Credit on approval is a goodwill tool, and most customers never abuse it. But it moves the checking step to after the money has gone, so the check has to be deliberate, or it does not happen at all.
"""

# -- templates -------------------------------------------------------------------

_REVIEW_TEMPLATE_ZH = """\
## 用途
故障、项目延期、丢单、客户投诉之后写复盘报告用。读者是参加复盘会的人和他们的上级，目标是一页纸讲清楚，细节放在附件里。

## 模板正文

**复盘主题：** {{事件名称}}
**事件日期：** {{事件发生的日期}}　**复盘日期：** {{复盘会的日期}}
**负责人：** {{复盘负责人}}　**参与人：** {{参会人员}}

### 一、结果回顾
- 原定目标：{{当初想达成什么，用数字写}}
- 实际结果：{{实际发生了什么，用数字写}}
- 影响：{{影响了哪些客户、多少订单、多少钱、多长时间}}

### 二、时间线
| 时间 | 发生了什么 | 谁发现、谁处理 |
|------|------------|----------------|
| {{时间}} | {{事件}} | {{人}} |

### 三、原因分析
- 直接原因：{{直接导致问题的那一步}}
- 流程原因：{{为什么流程没有挡住它}}
- 根本原因：{{如果不改，同样的事还会再发生的原因}}

### 四、改进项
| 改进项 | 负责人 | 完成日期 | 如何验证 |
|--------|--------|----------|----------|
| {{改进项}} | {{负责人}} | {{日期}} | {{验证方法}} |

## 填写说明
- 先写时间线，再写原因。时间线不清楚，原因分析一定是猜的。
- 原因分析里不出现人名：写"配置变更没有审核"，不写"小王没有检查"。
- 改进项不超过五条，每条都要能在一个月内验证完成。写不出验证方法的改进项，说明还没有想清楚。
"""

_INTERVIEW = """\
## What it is for
A 45-minute interview for first-line and senior support candidates. Every interviewer asks the same questions in the same order and scores each answer before moving on, so the debrief compares candidates rather than interviewers' moods.

## Template

**Candidate:** {{name}} · **Role:** {{first-line or senior}} · **Interviewer:** {{your name}} · **Date:** {{date}}

**1. Warm-up (5 min)**
"Tell me about the support job you liked most, and what made it good."
Score 1-4: {{score}} · Notes: {{what they said}}

**2. A hard customer (10 min)**
"Tell me about a customer you could not make happy. What did you try, and what would you do differently now?"
Look for: owns the outcome, names specific actions, does not blame the customer.
Score 1-4: {{score}} · Notes: {{what they said}}

**3. A written reply (15 min)**
Hand over ticket {{sample ticket number}} from the interview pack and ask for the reply they would send.
Look for: answers the actual question first, plain language, a clear next step.
Score 1-4: {{score}} · Notes: {{what they wrote}}

**4. Not knowing (10 min)**
"A customer asks something you don't know, and nobody on the team is online. What do you do?"
Look for: an honest holding reply with a time, where they would look, whom they would ask later.
Score 1-4: {{score}} · Notes: {{what they said}}

**5. Their questions (5 min)**
Note what they ask. Strong candidates ask how quality is measured.

**Overall:** {{hire or no hire}} · **Why, in one sentence:** {{reason}}

## How to fill it
- Score each answer right after it, before the next question, and don't go back to adjust.
- 1 = a concern, 2 = below the bar, 3 = meets the bar, 4 = clearly above it.
- Write down what the candidate said, not your impression: "said she'd call the customer back at 3", not "proactive".
- Submit the form before the debrief and before talking to the other interviewers.
"""

_WEEKLY_ZH = """\
## 用途
每周五下班前发给直属领导和跨部门的协作方。领导一周要看十几份周报，平均每份看不到一分钟，所以第一段就要让他知道需不需要他做什么。

## 模板正文

**{{姓名}} 第 {{周数}} 周周报（{{起止日期}}）**

**需要您关注或决定的事：**
- {{需要领导拍板或者出面协调的事，没有就写"本周无"}}

**本周完成：**
- {{写结果，而不是过程}}

**进行中的事和风险：**
- {{事项}}：进度 {{百分比或阶段}}，风险 {{可能延期的地方和原因}}

**下周计划：**
- {{最多三件最重要的事}}

## 填写说明
- "需要您关注的事"永远放在第一段。哪怕是空的也要写"本周无"，领导看到就知道可以放心往下略读。
- 写结果，不写过程：写"华东仓切换完成，发货时效从三天缩短到两天"，不写"推进华东仓切换工作"。
- 风险要早报。一件事第一次出现在周报里就已经是"已延期"，说明前几周的周报没有起作用。
- 数字比形容词好用：写"客户投诉从 12 单降到 5 单"，不写"客户满意度明显提升"。
- 不要把周报写成工作日志，罗列每天开了什么会。领导关心的是结果和风险。
"""

# -- notes -----------------------------------------------------------------------

_SALARY = """\
Points for the review with Zhang on the 15th. Not for sharing with anyone.

- Since the last review I have taken over the Chengdu and Chongqing accounts from Sun's old region: 40% more volume under me, at the same grade.
- The carrier switch on the Guangzhou–Chengdu lane was my proposal and my trial; on-time delivery on that lane went from 82% to 96%.
- I trained both new dispatchers this year. The onboarding checklist I wrote is now used by the Wuhan team as well.
- Market check: two recruiters this spring quoted 15–20% above my current package for a senior dispatcher or logistics coordinator role. I am not planning to leave, but I should not pretend I don't know.

What I want: the grade change that was promised "next cycle" last year, not only a percentage raise. If the grade is not possible, ask what exactly is missing, and get the answer in writing.

What I will not do: threaten to leave. The last person on the team who did that got the raise and lost the manager's trust, and was gone within the year anyway.

Fallback if the budget is frozen: ask for the two extra days of annual leave and for the company to pay for the supply-chain certificate course in the autumn.

Remember to bring the on-time numbers printed out; Zhang does not read attachments during meetings.
"""

_SELF_REVIEW_ZH = """\
这份只给自己看。

今年述职最想讲清楚的一件事，是二号线的扭矩问题：从发现问题、定方案，到首件检验落地，是我一个人推动的，退货率的下降有数据可以证明。去年述职时我把功劳都说成"团队一起努力"，结果评优的时候领导只记得别的组长。今年要说"我提出、我推动"，同时把几个班组长的具体贡献点名说出来，两者并不矛盾。

身体方面：腰椎的老毛病今年请了两次假，医生建议不要连续站立超过四个小时。述职时不提，但要私下和车间主任谈一次，看明年能不能多安排一些工艺改进的工作，少一些整班站线的时间。

不在会上说的：夜班补贴的标准三年没有变过，几个老员工已经在看别的厂了。这件事要单独找人事谈，不放在述职里，否则听起来像是在为自己争取。

明年想要的：带一个徒弟，争取车间副主任的岗位。要提前问清楚这个岗位需要哪些证书，今年下半年就开始准备。
"""

_OLD_CUSTOMERS_ZH = """\
做了八年大客户，越来越觉得老客户比新客户难伺候。不是因为他们要求高，而是因为我们很容易把他们当成理所当然。

几点体会：

**关系在对接人身上，不在公司身上。** 对方换了采购经理，之前所有的默契都要重新建立。每次知道对方换了人，第一周内一定要登门拜访，而不是等到续约时才出现。

**每年至少主动做一次复盘。** 不是等出了问题才复盘，而是在合同周年的时候，主动约对方一起回顾这一年：用了哪些功能、哪些没用起来、遇到过什么问题。客户很少拒绝这种会，而且会上常常能听到他们下一年的计划，这比任何销售线索都准。

**涨价要提前一个季度说。** 老客户最怕的不是涨价，而是被突然通知。提前说，给对方留出做预算的时间，大部分客户都能接受。

**别让技术支持替你维护关系。** 客户遇到问题找技术支持是正常的，但如果客户的领导只认识我们的支持工程师，说明我的工作没有做到位。

**记下对方在意的小事。** 某个客户的总监不喝咖啡只喝茶；某个客户的财务每个月 25 号之后不处理付款。这些东西记在随身的本子上，比写在 CRM 里有用，因为真的会去翻。
"""

_PAPER_LOG = """\
Every shift supervisor on line 2 has been asked to move the shift log into the MES tablet app. I have, for the official fields: output, scrap, downtime codes. But I still keep a paper notebook on the line-side desk, and I have asked my team leads to do the same. My reasons, for whenever someone asks:

- **The tablet only takes what it has fields for.** "The operator on station 4 is new and nervous, check on her" or "the reflow oven smelled different around 3 am" has no field. Those are exactly the things the next shift needs to know.
- **Handover happens standing at the line.** The incoming supervisor and I read the notebook together, pen in hand. With the tablet, the outgoing person scrolls and the incoming person nods.
- **People write more honestly on paper.** Nobody expects the notebook to turn up in a performance review. (It should not, and I will push back if anyone tries.)
- **It works when the network doesn't.** The MES goes down a few times a month, always at the worst moment.

The rule I use: anything a number can describe goes into the system; anything that needs a sentence goes into the notebook. If a notebook line turns out to matter (a defect trend, a machine that keeps drifting), I copy it into a proper report the same day.

Full notebooks go into the cabinet with the dates on the spine. Twice this year an old notebook explained a customer's quality claim months after the fact.
"""

SAMPLES: tuple[Sample, ...] = (
    Sample(
        "playbook",
        "Discovery call playbook for technical sales",
        _DISCOVERY,
        ("sales", "discovery", "customers"),
        190,
        revisions=(
            Revision(
                75,
                (
                    (
                        "- Answering a pricing question",
                        "- Letting your champion speak for security. Ask to meet security early; late "
                        "security reviews kill more deals than competitors do.\n"
                        "- Answering a pricing question",
                    ),
                ),
            ),
            Revision(
                12,
                (
                    (
                        "support tickets from a trial).",
                        "support tickets from a trial). Look at their status page history too: "
                        "public incidents are the easiest way into step 3.",
                    ),
                ),
            ),
        ),
    ),
    Sample(
        "playbook",
        "故障复盘会怎么开：从时间线到改进项",
        _REVIEW_MEETING_ZH,
        ("复盘", "incident", "流程"),
        160,
    ),
    Sample("playbook", "大客户投诉的升级处理流程", _COMPLAINT_ZH, ("客户", "support", "投诉"), 95),
    Sample(
        "heuristic",
        "Escalate when a customer has to repeat themselves",
        _ESCALATION,
        ("support", "escalation", "customers"),
        140,
        revisions=(
            Revision(
                33,
                (
                    (
                        "- Billing disputes go to finance",
                        "- Enterprise accounts with a named customer success manager: tell the CSM at "
                        "the same time as you escalate; they will hear about it from the customer anyway.\n"
                        "- Billing disputes go to finance",
                    ),
                ),
            ),
        ),
    ),
    Sample(
        "heuristic",
        "Code review: read the tests first",
        _CODE_REVIEW,
        ("code-review", "engineering", "onboarding"),
        58,
    ),
    Sample(
        "heuristic", "判断客户是不是真的要买：看谁来开第二次会", _BUYER_ZH, ("sales", "客户", "销售"), 120
    ),
    Sample(
        "decision",
        "Decision: move the Guangzhou–Chengdu lane to Huayun Freight",
        _CARRIER,
        ("logistics", "vendors", "物流"),
        110,
        revisions=(
            Revision(
                9,
                (
                    (
                        "and re-quotes.\n",
                        "and re-quotes.\n\n## Follow-up\nAfter three months: on-time rate 96%, no written "
                        "complaints from the Chengdu accounts. The Chongqing lane was re-quoted at 4% above "
                        "the old bundled price; accepted.\n",
                    ),
                ),
            ),
        ),
    ),
    Sample(
        "decision",
        "决定：总装线质检从终检抽检改为首件检验加巡检",
        _INSPECTION_ZH,
        ("质量", "产线", "factory"),
        80,
    ),
    Sample(
        "decision",
        "Decision: policy replies live in one shared macro library",
        _MACROS,
        ("support", "tooling", "onboarding"),
        45,
    ),
    Sample("checklist", "开线首件检验清单（二号总装线）", _FIRST_PIECE_ZH, ("质量", "产线", "交接班"), 70),
    Sample(
        "checklist", "春节前最后一周发货截单检查清单", _SPRING_CUTOFF_ZH, ("物流", "春节", "dispatch"), 28
    ),
    Sample("checklist", "Before sending a quote", _QUOTE, ("sales", "pricing"), 52),
    Sample(
        "edge-case",
        "春节高峰：司机提前返乡导致运力断档",
        _DRIVERS_ZH,
        ("物流", "春节", "dispatch", "运力"),
        24,
    ),
    Sample(
        "edge-case",
        "When the person who signs is not the person who pays",
        _PAYER,
        ("billing", "customers", "客户"),
        64,
    ),
    Sample(
        "edge-case",
        "Returns that arrive after the credit note was issued",
        _RETURNS,
        ("returns", "billing", "warehouse"),
        37,
    ),
    Sample(
        "template",
        "复盘报告模板（一页纸版）",
        _REVIEW_TEMPLATE_ZH,
        ("复盘", "模板", "incident"),
        150,
        revisions=(
            Revision(
                41,
                (
                    (
                        "### 四、改进项",
                        "### 四、做得好的地方\n{{哪些应对做法以后要保留下来}}\n\n### 五、改进项",
                    ),
                    (
                        "- 改进项不超过五条",
                        '- "做得好的地方"不能空着。复盘不只是找问题，也要把有效的应急做法固定下来。\n'
                        "- 改进项不超过五条",
                    ),
                ),
            ),
        ),
    ),
    Sample(
        "template",
        "Structured interview: support team hires",
        _INTERVIEW,
        ("hiring", "interview", "support"),
        88,
    ),
    Sample("template", "周报模板（给领导看的版本）", _WEEKLY_ZH, ("周报", "模板", "沟通"), 17),
    Sample("note", "Salary review: my talking points", _SALARY, ("personal", "career"), 6, private=True),
    Sample("note", "年终述职前给自己的提醒", _SELF_REVIEW_ZH, ("个人", "述职"), 3, private=True),
    Sample("note", "和老客户打交道的几点体会", _OLD_CUSTOMERS_ZH, ("客户", "sales", "经验"), 100),
    Sample(
        "note", "Why I still keep the shift log on paper", _PAPER_LOG, ("factory", "交接班", "onboarding"), 20
    ),
)


def fill_demo(vault: Vault) -> int:
    """Add every sample (and its later versions) to ``vault``; return how many entries.

    All of it is one transaction: a failure leaves the vault as it was.
    """
    now = vault.db.now()
    with vault.db.transaction():
        for sample in SAMPLES:
            entry = vault.entries.add(
                sample.kind,
                sample.title,
                sample.body,
                sample.tags,
                sample.private,
                created_at=now - sample.days_ago * DAY,
            )
            body = sample.body
            for revision in sample.revisions:
                body = revision.apply(body)
                vault.entries.update(entry.id, body=body, updated_at=now - revision.days_ago * DAY)
    return len(SAMPLES)


def create_demo(path: Path, *, clock: Clock, kdf: Argon2Params | None = None) -> bool:
    """Create and fill the demo vault at ``path``; False if a vault is already there.

    The demo is created once: an existing vault at ``path`` (the demo or
    anything else) is left untouched. The recovery code is not kept, since
    the passphrase is published anyway.
    """
    path = Path(path)
    try:
        created = Vault.create(path, DEMO_PASSPHRASE, clock=clock, name=DEMO_NAME, kdf=kdf)
    except VaultExists:
        return False
    try:
        with created.vault as vault:
            fill_demo(vault)
            add_demo_licenses(vault, path / DEMO_PACKAGES)
    except BaseException:
        # An empty demo would count as "already created" forever; remove what
        # this call made (the key file first, so it stops being a vault at once).
        for name in (KEY_NAME, DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", LOCK_NAME):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path / name)
        shutil.rmtree(path / DEMO_PACKAGES, ignore_errors=True)
        raise
    return True
