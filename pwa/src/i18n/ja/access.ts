/**
 * Who has looked at the person's information (`pages/me/AccessRecord.tsx`): the access record
 * in plain words, and the facilities that may look now. Only that page's code reads it (through
 * `i18n/access.ts`), so it is not part of the first download. Its keys begin with `access.`.
 *
 * The Japanese text, which defines the keys; `../en/access.ts` has exactly the same keys in
 * English.
 */
export const ja = {
  'access.title': 'あなたの情報を見た記録',
  'access.lead':
    'あなたのお薬やアレルギーなどの情報を、いつ、どの施設の、どの職種の人が見たかの記録です。見ようとして見られなかったときも記録します。',
  'access.names':
    '職員の名前は表示していません。知りたいときは、ネットワーク事務局にお問い合わせください。',
  'access.back': 'あなたのページへ戻る',

  'access.list.title': '記録（新しい順）',
  'access.list.none': 'まだ記録はありません。',
  'access.list.older': 'さらに前の記録を表示',
  'access.list.loading': '読み込んでいます…',
  'access.list.added': '{count}件の記録を追加しました。',
  'access.list.end': 'これより前の記録はありません。',
  'access.check.intact':
    'この記録は、書き換えられていないかを定期的に確かめています。{at}の確認では、それまでの記録に書き換えは見つかりませんでした。',
  'access.check.broken':
    '{at}の確認で、記録が書き換えられた疑いが見つかりました。ネットワーク事務局にお問い合わせください。',

  'access.actor.staff': '{facility}の{role}',
  'access.actor.facilitySystem': '{facility}のシステム',
  'access.actor.proxy': '代理人の{name}さん',
  'access.actor.proxyUnnamed': 'あなたの代理人',
  'access.actor.operator': 'ネットワーク事務局',
  'access.actor.system': '連携ネット',
  'access.actor.someone': '連携ネットの関係者',
  'access.someFacility': 'ある施設',

  'access.role.reception': '受付の職員',
  'access.role.facility_admin': '施設の管理者',
  'access.role.doctor': '医師',
  'access.role.dentist': '歯科医師',
  'access.role.pharmacist': '薬剤師',
  'access.role.nurse': '看護師',
  'access.role.care_manager': 'ケアマネジャー',
  'access.role.care_worker': '介護職員',
  'access.role.unknown': '職員',

  'access.part.current_medicines': 'いまのお薬',
  'access.part.medication_history': 'お薬の履歴',
  'access.part.allergies': 'アレルギー',
  'access.part.contraindications': '使ってはいけない薬',
  'access.part.emergency_contact': '緊急連絡先',
  'access.parts': '（{parts}）',
  'access.partsJoin': '・',

  'access.action.viewed': '{actor}があなたの情報を見ました{parts}',
  'access.action.viewedInEmergency': '{actor}が緊急時の閲覧で、あなたの情報を見ました{parts}',
  'access.action.refused': '{actor}があなたの情報を見ようとしましたが、見られませんでした',
  'access.action.emergencyOpened': '{actor}が、緊急時の閲覧であなたの情報を開きました',
  'access.action.emergencyReviewed': 'ネットワーク事務局が、{facility}の緊急時の閲覧を確認しました',
  'access.action.relationshipStarted': '{facility}が、あなたの情報を見られるようになりました',
  'access.action.relationshipEnded': '{facility}は、あなたの情報を見られなくなりました',
  'access.action.healthViewed': '{actor}が、あなたのお薬とアレルギーの情報を見ました',
  'access.action.healthExported': '{actor}が、あなたのお薬とアレルギーの情報をダウンロードしました',
  'access.action.dataExported': '{actor}が、あなたの情報をすべてダウンロードしました',
  'access.action.accessViewed': '{actor}が、この「見た記録」を見ました',
  'access.action.duplicateCheck':
    '{actor}が申込書を入力するとき、同じ方の登録がないかを確かめ、あなたの登録が候補に出ました',
  'access.action.dataReceived': '{actor}から、あなたの情報が届きました',
  'access.action.other': '{actor}が、あなたの情報を扱いました',

  'access.emergency.reason': '理由: {reason}',
  'access.emergency.reason.emergency_transport': '救急搬送',
  'access.emergency.reason.cannot_consent': 'ご本人が同意を示せない状態だった',
  'access.emergency.reason.other': 'その他',
  'access.emergency.until': '{date}まで開けます',
  'access.emergency.pending': 'ネットワーク事務局の確認: 確認待ち',
  'access.emergency.appropriate': 'ネットワーク事務局の確認: 適切だった（{date}）',
  'access.emergency.inappropriate':
    'ネットワーク事務局の確認: 適切ではなかった（{date}）。事務局がこの閲覧を閉じました。くわしくは事務局にお問い合わせください。',

  'access.facilities.title': 'あなたの情報を見られる施設',
  'access.facilities.lead':
    'これらの施設の医療・介護の職員は、あなたのお薬やアレルギーなどを見られます（見られる範囲は職種ごとに決まっています）。',
  'access.facilities.none': 'いま、あなたの情報を見られる施設はありません。',
  'access.facility.basis.sent_data': 'この施設からあなたの情報が届いたため',
  'access.facility.basis.presented_at_desk': '受付で保険証などを見せたため',
  'access.facility.basis.showed_qr': '登録QRコードを見せたため',
  'access.facility.basis.emergency_access': '緊急時の閲覧のため',
  'access.facility.since': '{date}から・{basis}',
  'access.facility.firstViewed': 'はじめて見た日時: {date}',
  'access.facility.notViewed': 'まだ見ていません',
  'access.facility.stop': 'この施設に見せるのをやめる',
  'access.facility.confirm.title': '{facility}に見せるのをやめますか？',
  'access.facility.confirm.body':
    'この施設は、あなたを診察・ケアするときに、あなたのお薬やアレルギーを見られなくなります。施設があなたの新しい情報を送ってきても、受付で保険証を見せても、見られるようにはなりません。もう一度見せるには、その施設で登録QRコードを見せてください。あなたの登録QRコードは新しくなり、前のものは使えなくなります（印刷していたら、印刷し直してください）。',
  'access.facility.confirm.emergency':
    '緊急のときは、この施設も緊急時の閲覧であなたの情報を開けます。そのときは、あなたにお知らせが届きます。',
  'access.facility.confirm.yes': '見せるのをやめる',
  'access.facility.confirm.no': 'やめずに戻る',
  'access.facility.confirm.titleFor': '{facility}に{name}さんの情報を見せるのをやめますか？',
  'access.facility.confirm.bodyFor':
    'この施設は、{name}さんを診察・ケアするときに、お薬やアレルギーを見られなくなります。施設から新しい情報が届いても、受付で保険証を見せても、見られるようにはなりません。もう一度見せるには、その施設でご本人の登録QRコードを見せてください。{name}さんの登録QRコードは新しくなり、前のものは使えなくなります（印刷していたら、印刷し直してください）。',
  'access.facility.confirm.emergencyFor':
    '緊急のときは、この施設も緊急時の閲覧で{name}さんの情報を開けます。そのときは、{name}さんにお知らせが届きます。',
  'access.facility.stoppedFor':
    '{facility}は、{name}さんの情報を見られなくなりました。{name}さんの登録QRコードを新しくしました。',
  'access.facility.stopped':
    '{facility}は、あなたの情報を見られなくなりました。登録QRコードを新しくしました。',
} as const;
