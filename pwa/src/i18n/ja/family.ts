/**
 * Acting for family (`pages/family`): registering a family member, proxies and their levels,
 * invitations, and a person registered by family starting to sign in themselves. Its keys begin
 * with `family.`, `acting.`, `selfOnly.`, `proxy.`, `proxies.`, `person.`, `invite.` or
 * `claim.`.
 *
 * The Japanese text, which defines the keys; `../en/family.ts` has exactly the same keys in
 * English.
 */
export const ja = {
  'proxy.level.view.detail': 'お薬・アレルギーの情報と同意の状態を見られます。手続きはできません。',
  'proxy.level.manage.detail':
    '見ることに加えて、参加・撤回の手続き、緊急連絡先の登録、情報のダウンロード、訂正の依頼ができます。',
  'proxy.action.proxy_registered': '代理で登録しました',
  'proxy.action.proxy_linked': '代理人になりました（招待の受け入れ）',
  'proxy.action.sign_in_claimed': 'ご本人がご自身のログインを始めました',
  'proxy.action.proxy_revoked': '代理を取り消しました',
  'proxy.action.health_record_viewed': 'お薬・アレルギーの情報を見ました',
  'proxy.action.health_record_exported': 'お薬・アレルギーの情報をダウンロードしました',
  'proxy.action.consent_given': '参加の同意をしました',
  'proxy.action.consent_renewed': '新しい同意書に同意しました',
  'proxy.action.consent_withdrawn': '同意を撤回しました',
  'proxy.action.emergency_contact_set': '緊急連絡先を登録しました',
  'proxy.action.data_exported': 'あなたの情報をすべてダウンロードしました',
  'proxy.action.correction_requested': '訂正を依頼しました',
  'proxy.action.other': 'その他の操作',

  'family.title': 'ご家族の代理',
  'family.lead': '次の方の代理で、情報を見たり手続きをしたりできます。',
  'family.none':
    '代理で操作できるご家族は、まだいません。ご家族を代理で登録するか、ご家族から招待を受けてください。',
  'family.person': '{name} さん',
  'family.meta': 'あなたは{relationship}・{level}・{date}から',
  'family.claimed': 'ご本人もご自身でログインしています',
  'family.notClaimed': 'ご本人はまだご自身のログインを始めていません',
  'family.act': '{name}さんの代理で操作する',
  'family.stop': '代理をやめる',
  'family.stop.title': '{name}さんの代理をやめますか？',
  'family.stop.body':
    'やめると、{name}さんの情報は見られなくなり、代わりに手続きすることもできなくなります。{name}さんとあなたの両方にメールでお知らせします。もう一度代理になるには、{name}さんから改めて招待してもらう必要があります。',
  'family.stop.yes': '代理をやめる',
  'family.stop.no': 'やめないで戻る',
  'family.stopped': '{name}さんの代理をやめました。{name}さんとあなたにメールでお知らせします。',
  'family.register': '家族を代理登録する',
  'family.proxies': '家族に代理を頼む・代理人の管理',

  'selfOnly.body':
    'いまは{name}さんの代理で操作しています。この画面は、ご自身のためのものです。自分のページに戻ってから開いてください。',
  'person.title': '家族を代理で登録する',
  'person.lead':
    'スマートフォンを使わないご家族（ご両親など）を、あなたが代理人として連携ネットに登録します。ご本人の保険証などの書類を手元に用意してください。',
  'person.section.network': '1. ネットワークと同意書',
  'person.network': '登録するネットワーク',
  'person.consentLead':
    'ご本人に、この同意書の内容を伝えてください。登録すると、ご本人に代わってこの版に同意したことになります。',
  'person.consentRenewed':
    '同意書が新しい版に変わりました。新しい同意書を読んで、ご本人に伝えてから、もう一度送信してください。',
  'person.section.you': '2. あなたとご本人の関係',
  'person.relationship': 'あなたは、ご本人の…',
  'person.relationship.hint':
    'ご本人から見た、あなたの続柄を選んでください（例: お母さまの登録なら「子」）。',
  'person.reason': 'ご本人が自分で登録しない理由',
  'person.reason.no_phone': 'スマートフォンを持っていない',
  'person.reason.cannot_operate': 'スマートフォンの操作が難しい',
  'person.reason.illness': '病気やけがで操作できない',
  'person.reason.cognitive': '認知機能の低下などで手続きが難しい',
  'person.reason.other': 'その他',
  'person.reasonNote': '理由の補足',
  'person.reasonNote.hint': '必要なら書いてください（{max}文字まで）。',
  'person.reasonNote.tooLong': '{max}文字以内にしてください。',
  'person.attestation': '確認事項',
  'person.attestation.hint': 'あてはまるものを選んでください。事実と違う登録はできません。',
  'person.attestation.person_agreed': 'ご本人が、この登録と同意書の内容に同意しています',
  'person.attestation.legal_representative': '私はご本人の法定代理人（成年後見人など）です',
  'person.section.insurance': '3. ご本人の保険証の情報',
  'person.documentKind.hint': 'ご本人がお持ちの書類を選んでください。',
  'person.section.person': '4. ご本人の情報',
  'person.phone': 'ご本人の電話番号',
  'person.phone.hint':
    'ご本人に連絡がつく番号（固定電話でもかまいません）。ハイフンはなくてもかまいません。',
  'person.email': 'ご本人のメールアドレス（あれば）',
  'person.email.hint':
    'ご本人に通知と、ご自身で使い始めるためのリンクが届きます。なければ空欄のままにしてください（あなたのアドレスは入れないでください）。',
  'person.agreeNote':
    '「登録する」を押すと、ご本人に代わって上の同意書に同意し、あなたがご本人の代理人になります。',
  'person.submit': '登録する',
  'person.done.title': '登録しました',
  'person.done.numberNote':
    'この番号は、ご本人の登録番号です。医療機関の受付で聞かれたときにお伝えください。',
  'person.done.next.mail':
    'ご本人のメールアドレスを入力した場合は、ご本人に通知と、ご自身で使い始めるためのリンクが届きます。',
  'person.done.next.confirm':
    'ご本人の確認が済むまで、ご本人のお薬などの情報は見られません。お二人で本人確認書類を持って参加施設の受付で確認を受けてください（法定代理人の方は、ネットワーク事務局に書類を送ってください）。',
  'person.done.next.revoke': 'ご本人は、いつでもご自身で代理をやめることができます。',
  'person.done.number': '登録番号',
  'person.done.notLinked': '{name}さんの代理で操作できるようにするには、もう少し手続きが必要です。',
  'person.done.notLinked.review': '{name}さんの登録は、連携ネットの事務局が内容を確認します。',
  'person.done.notLinked.invite':
    '代理で操作する場合は、{name}さんご本人に、ご自身のページの「家族に代理を頼む」からあなたを招待してもらってください。',
  'person.done.notLinked.facility':
    'ご本人がスマートフォンを使えない場合は、参加している医療機関・薬局の受付でご相談ください。',

  'proxies.title': '家族に代理を頼む・代理人の管理',
  'proxies.lead':
    '代理人（ご家族など）は、あなたに代わって情報を見たり手続きをしたりできます。代理はいつでもやめられます。',
  'proxies.limit': '代理人は最大{limit}人まで（まだ使われていない招待を含めて、いま{count}人）',
  'proxies.list.title': 'あなたの代理人',
  'proxies.none': '代理人はいません。下の「代理を頼む」から、ご家族を招待できます。',
  'proxies.meta': 'あなたの{relationship}・{level}',
  'proxies.status.active': '代理中（{date}から）',
  'proxies.status.revoked': '取り消し済み（{date}）',
  'proxies.via.registration': 'この方があなたを代理で登録しました',
  'proxies.via.invitation': 'あなたの招待で代理人になりました',
  'proxies.history': 'この方の操作の記録（{count}件、新しい順）',
  'proxies.revoke': '{name}さんの代理を取り消す',
  'proxies.confirm.title': '{name}さんの代理を取り消しますか？',
  'proxies.confirm.body':
    '次の操作から、この人はあなたの情報を見られなくなります。双方にメールでお知らせします。',
  'proxies.confirm.yes': '取り消す',
  'proxies.confirm.no': '取り消さないで戻る',
  'proxies.revoked': '{name}さんの代理を取り消しました。',
  'proxies.invite.title': '代理を頼む（招待）',
  'proxies.invite.lead':
    '招待を作り、コード・QRコード・リンクのどれかをご家族に渡してください。ご家族が連携ネットにログインして開くと、代理人になります。',
  'proxies.invite.level': '代理人にできること',
  'proxies.invite.create': '招待を作る',
  'proxies.invite.created': '招待を作りました。',
  'proxies.invite.give':
    '次のコード・QRコード・リンクのどれかを、代理を頼むご家族に渡してください。ほかの人には見せないでください。',
  'proxies.invite.code': '招待コード',
  'proxies.invite.qrAlt': '招待のQRコード（コード {code}）',
  'proxies.invite.shareTitle': 'renkei 連携ネットの代理人への招待',
  'proxies.invite.shareText':
    '代理人として登録してください。このリンクを開くか、招待コード {code} を入力してください。',
  'share.button': 'LINE やメールで送る',
  'share.copied': 'リンクをコピーしました。LINE やメールに貼り付けて送ってください。',
  'share.failed': 'コピーできませんでした。下のリンクを長押ししてコピーしてください。',
  'proxies.invite.link': 'リンク:',
  'proxies.invite.expires': '有効期限: {date}まで。',
  'proxies.invite.another': 'ほかの招待を作る',
  'proxies.invite.full':
    '代理人と招待が上限の5人に達しています。新しく招待するには、使わない招待を取り消すか、代理人を取り消してください。',
  'proxies.invitations.title': '作った招待',
  'proxies.invitation.open': '未使用',
  'proxies.invitation.accepted': '受け入れ済み',
  'proxies.invitation.expired': '期限切れ',
  'proxies.invitation.cancelled': '取り消し済み',
  'proxies.invitation.dates': '{created}作成・{expires}まで有効',
  'proxies.invitation.cancel': 'この招待を取り消す',

  'invite.title': '代理の招待を受ける',
  'invite.enter.lead': 'ご家族から受け取った招待コードを入力してください。',
  'invite.code': '招待コード',
  'invite.code.hint': '例: ABCD-EFGH-JK-C（ハイフンはなくてもかまいません）',
  'invite.look': '招待を確認する',
  'invite.from': '{name}さんからの招待です',
  'invite.level': 'できること: {level}',
  'invite.expires': '{date}まで有効',
  'invite.relationship': 'あなたは、{name}さんの…',
  'invite.acceptNote':
    '「代理人になる」を押すと、{name}さんの代理で情報を見られるようになります。{name}さんは、いつでも代理をやめることができます。',
  'invite.accept': '代理人になる',
  'invite.signedOut.title': 'ログインして受ける',
  'invite.signedOut.lead':
    '連携ネットのアカウントをお持ちの方は、ログインするとこの招待に戻ります。',
  'invite.signIn': 'ログインして受ける',
  'invite.new.title': 'はじめての方',
  'invite.new.lead':
    '先に連携ネットに登録してください。登録が終わると、この招待の受け入れに進めます。',
  'invite.register': 'はじめての方: 登録してから受ける',
  'invite.new.noEntry':
    'はじめての方は、先に連携ネットへの登録が必要です。参加している医療機関・薬局などに貼ってあるポスターのQRコードを読み取って登録し、そのあとで、もう一度この招待のリンクを開いてください。',

  'claim.title': 'ご自身で使い始める',
  'claim.lead':
    'あなたは、ご家族の代理登録か、窓口での紙の申込書で、連携ネットに登録されています。このスマートフォンで、ご自身でもログインできるようにします。',
  'claim.point.passkey':
    '生年月日を入力して、このスマートフォンにパスキー（指紋・顔・画面ロックでのログイン）を作ります。',
  'claim.point.proxies':
    'ログインした後は、だれがあなたの代理をしているかを確かめ、いつでも代理をやめられます。',
  'claim.birth.title': 'あなたの生年月日',
  'claim.submit': 'パスキーを作って始める',
  'claim.unsupported':
    'このスマートフォンやブラウザーでは、パスキーを作れません。パスキーを使えるスマートフォンでこのリンクを開くか、参加施設の窓口にご相談ください。',
  'claim.noCode':
    'リンクの一部が欠けています。メールのリンクをもう一度開いてください。うまくいかない場合は、参加施設の窓口か、代理登録をしたご家族にご相談ください。',

  'claim.birth.readBack': '{date}で確かめます。',

  'claim.self.title': 'ご本人の方: このスマートフォンにパスキーを作る',
  'claim.family.title': 'ご家族（代理人）の方: ご自身でログインして代理になる',
  'claim.family.lead':
    '申込書に代理人として記入したご家族などは、ご自身の連携ネットのアカウントでログインして、この方の代理になれます。上にこの方の生年月日を入力し、続柄を選んでください。ログインしていない場合は、先にログイン画面に移ります。',
  'claim.family.relationship': 'あなたは、この方の…',
  'claim.family.submit': 'ご自身でログインして代理になる',
  'claim.family.back':
    'ログインしました。この方の生年月日をもう一度入力し、続柄を選んで「ご自身でログインして代理になる」を押してください。',
  'claim.family.birthTitle': 'ご本人（この方）の生年月日',
  'claim.family.notFamily': 'ご本人の方は、こちらからパスキーを作ってください',

  'proxies.alerts.title': '施設が情報を見たときのお知らせ',
  'proxies.alerts.lead':
    '施設があなたの情報を見られるようになってからはじめて見たときと、緊急時の閲覧があるたびに、あなたにメールでお知らせします。それ以外に見たときはメールしません（すべて「あなたの情報を見た記録」に載ります）。',
  'proxies.alerts.label': 'これらのお知らせを、手続きもする代理人（ご家族）にもメールで送る',
  'proxies.alerts.help':
    '「見るだけ」の代理人には届きません。ご家族に見せないようにしている記録の施設については、ご家族には知らせません。',
  'proxies.alerts.on': 'ご家族にも知らせます。',
  'proxies.alerts.off': 'ご家族には知らせません。',
  'family.standing.unconfirmed':
    '確認待ち: ご本人、参加施設の窓口、またはネットワーク事務局が代理を確認するまで、お薬などの情報は見られません。',
  'family.standing.review_due':
    '見直しの日（{date}）を過ぎたため一時停止中です。ご本人か参加施設の窓口で確認し直すと再開します。',
  'family.standing.reviewOn': '次の見直しの日: {date}',
  'family.pending.title': '{name}さんの代理は、まだ確認されていません',
  'family.pending.review.title': '{name}さんの代理は、見直しの日を過ぎたため一時停止しています',
  'family.pending.body':
    '確認が済むまで、{name}さんのお薬やアレルギーの情報は表示されず、手続きもできません。ご本人の登録はできています。確認の方法は次のどれかです。',
  'family.pending.person':
    '{name}さんご本人が、ご自分のページの「代理人」で、あなたを確認する（あなたの登録で届いたメールから使い始めたアカウントでは確認できず、ネットワーク事務局が確認します）',
  'family.pending.desk':
    'お二人の本人確認書類（マイナンバーカード、運転免許証など）を持って、参加施設の受付で確認を受ける',
  'family.pending.office': '法定代理人（成年後見人など）の方は、ネットワーク事務局に書類を送る',
  'proxies.standing.unconfirmed':
    'あなたの確認待ちです。確認するまで、この人はあなたのお薬などの情報を見られません。',
  'proxies.standing.review_due':
    '見直しの日（{date}）を過ぎたため一時停止しています。続ける場合は確認してください。',
  'proxies.standing.confirmed': '確認済み（{basis}）・次の見直しの日: {date}',
  'proxies.basis.person_agreed': 'ご本人の同意',
  'proxies.basis.legal_representative': '法定代理人',
  'proxies.basis.reception_verified': '参加施設の窓口で確認',
  'proxies.approve': '{name}さんを代理人として確認する',
  'proxies.approved': '{name}さんを代理人として確認しました。次の見直しの日は{date}です。',
} as const;
