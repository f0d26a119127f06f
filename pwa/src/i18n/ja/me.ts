/**
 * The person's own pages (`pages/me`): their page, the summary and the emergency card, printing,
 * consents (joining, renewing, withdrawing, the history), and their data (download, corrections,
 * erasure). Its keys begin with `me.`, `summary.`, `card.`, `print.`, `consents.`, `history.`,
 * `withdraw.`, `join.`, `version.`, `data.`, `corrections.`, `erase.`, `reconsent.`,
 * `visibility.`, `qr.` (the registration QR shown at a facility's desk) or `insurance.`
 * (the person's insurance over time).
 *
 * The Japanese text, which defines the keys; `../en/me.ts` has exactly the same keys in English.
 */
export const ja = {
  'me.title': 'あなたのページ',

  'me.greeting': '{name} さん',
  'me.number': '登録番号',
  'me.email': 'メールアドレス',
  'me.networks': '参加しているネットワーク',
  'me.joined': '{date}に参加（同意書 第{version}版）',
  'me.noNetworks': '参加しているネットワークはありません。',
  'me.summary.title': 'お薬とアレルギー',
  'me.summary.empty': 'まだ情報はありません。',
  'me.summary.fromJoining':
    '表示されるのは、参加した日より後に、医療機関や薬局から届いた情報だけです。',
  'summary.asOf': '{date} 時点',
  'summary.lastReceived': '最後に情報が届いた日時: {date}',
  'summary.joinedNote': '{date}に参加しました。それより前の情報は表示されません。',
  'summary.flags.title': '確認してください',
  'summary.flags.lead':
    '複数の医療機関からの情報を合わせて見つかった点です。次に受診するとき、医師か薬剤師に伝えてください。',
  'summary.flag.duplicate': '同じ成分の薬が、{facilities}から同時に出ています: {names}',
  'summary.flag.allergy':
    '{name} は、記録されているアレルギー「{allergy}」に当たるおそれがあります。',
  'summary.flag.contraindication':
    '{name} は、記録されている禁忌「{allergy}」に当たるおそれがあります。',
  'summary.flag.matchedBy.code': '成分コードが一致',
  'summary.flag.matchedBy.name': '名前が一致（成分コードでは確認していません）',
  'summary.notCompared.title': '重複を確認できていないお薬',
  'summary.notCompared.lead': '次のお薬は成分コードがないため、重複の確認ができていません：',
  'summary.notCompared.some': '成分コードがないため、重複の確認ができていないお薬があります。',
  'summary.notCompared.allergy': 'アレルギーとは、お薬の名前だけで照らし合わせています。',
  'summary.notCompared.ask': '気になるときは薬剤師に確かめてください。',
  'summary.providedByPatient': 'ご本人のお薬手帳アプリから',
  'summary.allergy.byName':
    '薬の成分コードがないため、お薬とは名前だけで照らし合わせています（別の名前のお薬は見つけられません）。',
  'summary.current.title': 'いま飲んでいる（使っている）薬',
  'summary.current.empty': '現在のお薬の情報はありません。',
  'summary.current.until': '{date}まで',
  'summary.current.unstated': '日数の記載なし（頓服・外用など）',
  'summary.from': '{facility}・{date}',
  'summary.prescribedBy': '処方: {facility}',
  'summary.allergies.title': 'アレルギー',
  'summary.allergies.empty': 'アレルギーの記録はありません。',
  'summary.contraindications.title': '使ってはいけない薬（禁忌）',
  'summary.contraindications.empty': '禁忌の記録はありません。',
  'summary.inactive': '（現在は該当しない）',
  'summary.history.title': '過去12か月のお薬の記録（{count}件）',
  'summary.history.empty': '過去12か月の記録はありません。',
  'summary.history.more': 'さらに表示（残り {count} 件）',
  'summary.history.loading': '読み込み中…',
  'summary.history.added':
    '{count} 件を追加しました。{total} 件のうち {shown} 件を表示しています。',
  'summary.sources.title': '情報を送った施設',
  'summary.sources.item': '{facility}（最終 {date}、{count}件）',
  'summary.actions.card': '緊急時カードを開く',
  'summary.actions.print': '印刷用の表示',
  'summary.actions.download': 'データをダウンロード（FHIR形式）',
  'summary.kind.request': '処方',
  'summary.kind.dispense': '調剤',
  'summary.kind.statement': '服用の記録',

  'card.title': '緊急時カード',
  'card.lead': '救急隊や医療機関の方に、この画面を見せてください。',
  'card.person': '{name}（{kana}）　生年月日 {birth}',
  'card.born': '生年月日 {date}',
  'card.section.contraindications': '禁忌（使ってはいけない薬）',
  'card.section.allergies': 'アレルギー',
  'card.section.current': '服用中の薬',
  'card.none': 'なし（記録されていません）',
  'card.contact.title': '緊急連絡先',
  'card.contact.none': '緊急連絡先は登録されていません。',
  'card.contact.edit': '緊急連絡先を登録・変更する',
  'card.contact.name': '氏名',
  'card.contact.relationship': '続柄（任意）',
  'card.contact.phone': '電話番号',
  'card.contact.save': '保存する',
  'card.contact.saved': '緊急連絡先を保存しました。',
  'card.contact.remove': '緊急連絡先を消す',
  'card.qr.lead':
    'このQRコードを見せた医療機関・薬局・介護事業所は、{name} さんのお薬やアレルギーなどの情報を見られるようになります。',
  'card.qr.alt': '{name} さんの登録QRコード（登録番号 {number}）',
  'card.offline.notActing':
    '{acting} さんの緊急時カードは、この端末に保存されていません。この端末にあるのは {owner} さんが保存したカードです。',
  'card.offline.showKept': '代理をやめて {owner} さんのカードを見る',
  'card.offline.title': 'ネットにつながらないときのために',
  'card.offline.label': 'このスマートフォンに緊急時カードを保存する',
  'card.offline.help':
    '災害などでインターネットが使えないときや、ログインが切れているときも、この端末ではログインせずにこのカードを表示できます（救急隊の方に見せるため）。保存されるのはこの端末だけです。ログアウトすると消えます。',
  'card.offline.savedAt': '{date} に保存した内容です',
  'card.offline.showing':
    '{name} さんがこの端末に {date} に保存したカードです（最新ではない場合があります）。',
  'card.offline.signedOut':
    '{name} さんがこの端末に {date} に保存したカードです（ログインしていないため、保存したカードを表示しています）。',
  'card.offline.signIn': 'ログインして最新にする',
  'card.offline.none':
    'インターネットにつながらず、この端末に保存された緊急時カードもありません。つながる場所で開き直してください。',
  'card.offline.other':
    'この端末には、別の方の緊急時カードが保存されています。あなたのカードを保存しない限り、そのまま残ります。',
  'card.offline.replace':
    'この端末には、別の方の緊急時カードが保存されています。あなたのカードを保存すると、その方のカードは置き換えられ、この端末からなくなります。あなたのカードに置き換えますか？',
  'card.offline.replaceConfirm': '自分のカードに置き換える',
  'card.offline.replaceCancel': 'そのままにする',
  'card.offline.failed':
    'この端末に保存できませんでした。ブラウザの設定で保存が許可されているか確かめてください。',
  'install.title': 'ホーム画面に追加',
  'install.lead':
    'ホーム画面にアイコンを置くと、すぐに開けます。アイコンを長押しすると「緊急時カード」を直接開けます。',
  'install.button': 'ホーム画面に追加する',
  'install.done': 'ホーム画面に追加しました。',
  'install.menu':
    'ブラウザのメニュー（︙ または 共有ボタン）から「ホーム画面に追加」を選んでください。',
  'card.back': 'あなたのページへ戻る',
  'card.print': '印刷する',

  'print.title': 'お薬とアレルギーの記録',
  'print.lead': 'この内容は renkei 連携ネットに届いた情報です（{date} 時点）。',
  'print.button': '印刷する',
  'print.historyPartial':
    '新しいものから {shown} 件を載せています（全部で {total} 件）。すべては「情報のダウンロード」で受け取れます。',
  'print.medicine': '薬',
  'print.facility': '施設',
  'print.facilityByPatient': '{facility}（ご本人のお薬手帳アプリから）',
  'print.date': '日付',
  'print.allergen': 'アレルギー・禁忌の内容',
  'print.daysValue': '{days}日分',
  'print.days': '日数',
  'me.passkey.title': 'パスキーで、かんたんログイン',
  'me.passkey.lead':
    'パスキーを追加すると、次からはこのスマートフォンの指紋・顔認証・画面ロックでログインできます。メールのコードを待つ必要はありません。',
  'me.passkey.add': 'パスキーを追加する',
  'me.passkey.added': 'パスキーを追加しました。次からはパスキーでログインできます。',
  'me.signOut': 'ログアウト',
  'me.signOutEverywhere': 'すべての端末からログアウト',
  'me.signOutEverywhere.help':
    'スマートフォンをなくしたときなどは、ほかの端末も含めてすべてログアウトできます。',

  'me.links.consents': '同意の管理（参加・撤回・履歴）',
  'me.links.data': 'わたしの情報（ダウンロード・訂正・削除）',

  'reconsent.title': '同意書が新しくなりました。内容を確認して同意してください',
  'reconsent.lead':
    '参加しているネットワークの同意書が新しくなり、あらためて同意をお願いしています。',
  'reconsent.stands':
    '同意するまでは、これまでの同意（同意書 第{version}版）のまま参加が続きます。',
  'reconsent.read': '新しい同意書を読んで同意する',

  'consents.title': '同意の管理',
  'consents.lead':
    'ネットワークへの参加の状態と、これまでの同意の記録です。参加をやめる（同意を撤回する）ことも、もう一度参加することもできます。',
  'consents.networks': 'ネットワークごとの状態',
  'consents.none': 'まだ、どのネットワークにも参加していません。',
  'consents.state.joined': '参加中: {date}から（同意書 第{version}版に同意）',
  'consents.state.withdrawn': '参加していません: {date}に撤回しました',
  'consents.state.newVersion':
    '新しい同意書（第{version}版）があります。上の案内から同意できます。',
  'consents.withdraw': '参加をやめる（同意を撤回）',
  'consents.rejoin': 'もう一度参加する',
  'consents.joinable': '参加できるネットワーク',
  'consents.joinable.lead': '同意書を読んで同意すると、参加できます。',
  'consents.join': '参加する',
  'consents.history': '同意の履歴',
  'consents.history.lead': '新しいものから順に並んでいます。日時は日本時間です。',
  'consents.more': 'ほかのページ',
  'consents.back': '同意の管理へ戻る',

  'history.kind.given': '参加の同意',
  'history.kind.rejoined': 'もう一度参加（新しい同意）',
  'history.kind.renewed': '新しい同意書への同意',
  'history.kind.withdrawn': '同意の撤回（参加をやめた）',
  'history.kind.combined': '登録をまとめたため、もう一つの同意に引き継ぎ',
  'history.when': '日時',
  'history.document': '同意書',
  'history.version': '第{version}版',
  'history.by': '手続きした人',
  'history.by.resident': '本人',
  'history.by.proxy': '家族など代理人',
  'history.by.staff': '受付の職員（紙の申込書から）',
  'history.by.operator': 'ネットワーク事務局',
  'history.channel': '方法',
  'history.channel.cli': '事務局での手続き',
  'history.channel.mergeWithdrawal':
    '事務局が二つの登録を一つにまとめたとき、もう一方の登録での撤回を引き継ぎました',
  'history.channel.merge': '事務局が二つの登録を一つにまとめたため（参加は続いています）',
  'history.entryPoint': 'QRコード',
  'history.facility': '受け付けた施設',
  'history.formSerial': '申込書の番号',
  'history.read': '同意した同意書（第{version}版）を読む',

  'withdraw.title': '参加をやめる（同意の撤回）',
  'withdraw.lead': '撤回する前に、何が変わり、何が残るかを確認してください。',
  'withdraw.changes.title': '撤回すると変わること',
  'withdraw.changes.now': '撤回したその時点から、このネットワークでの情報の共有が止まります。',
  'withdraw.changes.facilities':
    '参加施設は、このネットワークを通じて、あなたの情報を見ることも、新しく送ることもできなくなります。',
  'withdraw.changes.mail': '撤回を受け付けたことを、登録したメールアドレスにお知らせします。',
  'withdraw.stays.title': '残るもの（その理由）',
  'withdraw.stays.record':
    'だれが・いつ・どの施設で、あなたの情報を見たか・送ったかの記録は、法律で保存が決められているため残ります。',
  'withdraw.stays.data':
    'これまでに届いたあなたのお薬とアレルギーの情報は、あなた自身は引き続き見られます。「わたしの情報」から、ダウンロードや削除もできます。',
  'withdraw.later.title': 'あとで、もう一度参加したくなったら',
  'withdraw.later.body':
    'いつでも、もう一度参加できます。ただし、参加していなかった間の情報は、あとから参加しても共有されません。',
  'withdraw.confirm.title': '撤回の手続き',
  'withdraw.confirm.note': '撤回するのは、{date}からの参加の同意（同意書 第{version}版）です。',
  'withdraw.confirm.button': '同意を撤回して、参加をやめる',
  'withdraw.confirm.busy': '撤回しています…',
  'withdraw.cancel': '撤回しないで戻る',
  'withdraw.reload': '最新の状態を読み込む',
  'withdraw.notJoined.title': 'このネットワークには参加していません',
  'withdraw.notJoined.body':
    '撤回する同意はありません。参加の状態と履歴は「同意の管理」で確認できます。',
  'withdraw.done.title': '撤回を受け付けました',
  'withdraw.done.at': '撤回した日時: {date}（日本時間）',
  'withdraw.done.next': 'これから',
  'withdraw.done.stopped': 'この時点から、このネットワークでの共有は止まっています。',
  'withdraw.done.mailed': '受付メールを送りました。',
  'withdraw.done.notMailed': '受付メールは送られていません。この画面の日時を控えておいてください。',

  'join.title.join': 'ネットワークに参加する',
  'join.title.rejoin': 'もう一度参加する',
  'join.title.renew': '新しい同意書への同意',
  'join.join.lead': '同意書を読んで、同意する場合はチェックを入れてから、ボタンを押してください。',
  'join.rejoin.gap':
    'もう一度参加すると、新しい同意として記録されます。参加していなかった間（{date}から今まで）の情報は共有されません。',
  'join.renew.stands':
    '同意書が新しくなりました。同意するまでは、これまでの同意（同意書 第{version}版）のまま参加が続きます。',
  'join.replaced':
    '同意書が新しくなりました（第{version}版）。まだ何も記録していません。新しい内容を読んでから、もう一度同意してください。',
  'join.agree.title': '同意の確認',
  'join.agree.label': 'この同意書（第{version}版）を読み、内容に同意します',
  'join.agree.missing': '同意する場合は、チェックを入れてください。',
  'join.button.join': '同意して参加する',
  'join.button.rejoin': '同意して、もう一度参加する',
  'join.button.renew': '新しい同意書に同意する',
  'join.cancel': '同意しないで戻る',
  'join.current.title': '最新の同意書に同意済みです',
  'join.current.body':
    'あなたは同意書 第{version}版に同意して、参加しています。ほかに手続きは要りません。',
  'join.unavailable.title': 'いまは、ここから参加できません',
  'join.done.joined': '参加しました',
  'join.done.renewed': '新しい同意書への同意を受け付けました',
  'join.done.at': '{date}（日本時間）に、同意書 第{version}版に同意しました。',
  'join.done.fromNow': '共有されるのは、いまから後の情報だけです。',
  'join.done.gap': '参加していなかった間の情報は、共有されません。',
  'join.done.continues': 'これまでどおり、参加が続きます。',

  'version.title': '同意した同意書',
  'version.lead': '同意書 第{version}版の全文です。同意したときに表示されたものと同じ内容です。',

  'data.title': 'わたしの情報',
  'data.lead':
    '連携ネットがあなたについて保存している情報を、ダウンロードしたり、訂正を依頼したり、削除したりできます。',
  'data.download.title': '情報のダウンロード',
  'data.download.lead':
    '登録内容、同意の履歴、お薬とアレルギーの情報、だれがいつ見たか・送ったかの記録、訂正の依頼を、すべてダウンロードできます。',
  'data.download.json': 'すべてダウンロード（JSON形式）',
  'data.download.fhir': 'すべてダウンロード（FHIR形式）',
  'data.download.fhirNote': 'FHIR形式は、医療機関のシステムで読み込める国際標準の形式です。',
  'data.erase.title': 'お薬とアレルギーの情報の削除',
  'data.erase.joined':
    'ネットワークに参加している間は削除できません。削除するには、先にすべてのネットワークで参加をやめてください（同意の撤回）。',
  'data.erase.lead':
    'いまはどのネットワークにも参加していないため、これまでに届いたお薬とアレルギーの情報を削除できます。',
  'data.erase.start': 'お薬とアレルギーの情報を削除する',

  'corrections.title': '訂正の依頼',
  'corrections.lead':
    '登録内容やお薬・アレルギーの情報に誤りがあれば、ネットワーク事務局に訂正を依頼できます。事務局が確認して、この画面で回答します。',
  'corrections.label': '誤っている内容と、正しい内容',
  'corrections.hint':
    '例: 生年月日が「昭和22年2月3日」になっていますが、正しくは「昭和22年2月2日」です。{max}文字まで書けます。',
  'corrections.left': 'あと{count}文字書けます',
  'corrections.over': '{count}文字多すぎます',
  'corrections.check.empty': '訂正してほしい内容を書いてください。',
  'corrections.check.tooLong': '{max}文字以内にしてください（いま{count}文字です）。',
  'corrections.submit': '訂正を依頼する',
  'corrections.sent': '訂正の依頼を受け付けました。事務局からの回答は、この画面に表示されます。',
  'corrections.list': 'これまでの依頼',
  'corrections.none': 'これまでの依頼はありません。',
  'corrections.asked': '{date}に依頼',
  'corrections.status.open': '確認中',
  'corrections.status.corrected': '訂正しました',
  'corrections.status.declined': '訂正しませんでした',
  'corrections.answer': '事務局からの回答（{date}）',
  'corrections.answerUndated': '事務局からの回答',

  'erase.title': 'お薬とアレルギーの情報を削除する',
  'erase.lead': '削除する前に、消えるものと残るものを確認してください。',
  'erase.what.title': '削除されるもの',
  'erase.what.medicines': '医療機関や薬局から届いた、お薬の記録（処方・調剤・服用）',
  'erase.what.allergies': 'アレルギーと禁忌（使ってはいけない薬）の記録',
  'erase.what.visits': '施設から情報が届いた日の記録',
  'erase.what.card': 'このスマートフォンに保存した緊急時カード',
  'erase.stays.title': '残るもの（その理由）',
  'erase.stays.record':
    'だれが・いつ・どの施設で、どんな操作（閲覧・送信など）をしたかの記録は、法律で保存が決められているため残ります。ただし、お薬やアレルギーの中身は残さず、法律が求める内容（いつ・だれが・どの施設で・どんな操作か）だけにします。',
  'erase.stays.account': '登録内容（氏名・連絡先・保険証の情報）と同意の履歴は残ります。',
  'erase.confirm.title': '削除の手続き',
  'erase.confirm.undo': '削除した情報は、元に戻せません。必要なら、先にダウンロードしてください。',
  'erase.confirm.button': '削除する（元に戻せません）',
  'erase.confirm.busy': '削除しています…',
  'erase.cancel': '削除しないで戻る',
  'erase.back': '「わたしの情報」へ戻る',
  'erase.done.title': '削除しました',
  'erase.done.medicines': 'お薬の記録: {count}件',
  'erase.done.allergies': 'アレルギー・禁忌の記録: {count}件',
  'erase.done.visits': '情報が届いた日の記録: {count}件',
  'erase.done.card': 'このスマートフォンに保存した緊急時カードも消しました。',

  'visibility.toggle': '家族（代理人）に見せない',
  'visibility.hidden': '家族（代理人）には見せていません',
  'visibility.lead':
    '「家族（代理人）に見せない」にした項目は、代理人には表示されません（ダウンロードにも入りません）。',

  'me.acting.eyebrow': 'ご家族の代理で見ています',
  'me.acting.greeting': '{name} さんのページ',
  'me.acting.viewOnly': '「見るだけ」の代理です。見ることはできますが、手続きはできません。',
  'me.proxyEnded.title': '{name}さんの代理はできなくなりました',
  'me.proxyEnded.close': 'このお知らせを閉じる',

  'me.proxyEnded.body':
    '{name}さんが代理をやめる手続きをしたなどのため、この方の情報は見られなくなりました。いまは、あなた自身のページを表示しています。続けて代理が必要な場合は、{name}さんにあらためて招待してもらってください。',

  'me.links.access': 'あなたの情報を見た記録',
  'qr.title': '受付で見せるQRコード',
  'qr.lead':
    'このQRコードを見せた医療機関・薬局・介護事業所は、あなたのお薬やアレルギーなどの情報を見られるようになります。',
  'qr.alt': 'あなたの登録QRコード（登録番号 {number}）',
  'qr.number': '登録番号',
  'qr.code': 'コード',
  'qr.readOut': '読み取れないときは、登録番号とコードを受付の方に読み上げてください。',
  'qr.issued': '{date}に作ったQRコードです。',
  'qr.renew': '新しいQRコードを作る（カードをなくしたとき）',
  'qr.renew.title': '新しいQRコードを作りますか？',
  'qr.renew.body':
    'いまのQRコードは使えなくなります（印刷したものや、この端末に保存した緊急時カードのものも）。なくしたカードを拾った人が見せても、あなたの情報は見られません。',
  'qr.renew.yes': '新しいQRコードを作る',
  'qr.renew.no': 'やめる',
  'qr.renewed': '新しいQRコードを作りました。前のQRコードは使えません。',
  'insurance.title': '保険の情報',
  'insurance.lead':
    '医療機関や薬局は、保険の番号であなたの情報を送ってきます。仕事が変わった、75歳になったなどで保険が変わったら、新しい保険を追加してください。',
  'insurance.current': 'いまの保険',
  'insurance.earlier': 'これまでの保険',
  'insurance.none': '登録されている保険はありません。',
  'insurance.number': '番号の末尾 {tail}',
  'insurance.since': '{date}から',
  'insurance.sinceRegistration': '登録のときから',
  'insurance.until': '{date}まで',
  'insurance.addedBy.resident': 'ご本人が追加',
  'insurance.addedBy.proxy': '代理人が追加',
  'insurance.addedBy.staff': '参加施設の受付で追加',
  'insurance.add': '新しい保険を追加する',
  'insurance.open': '保険の情報を見る・追加する',
  'insurance.reminder.title': '{date}に75歳になります',
  'insurance.reminder.body':
    'この日から、保険が後期高齢者医療制度に変わります。新しい資格確認書（または資格情報のお知らせ）が届いたら、新しい保険を追加してください。追加するまでは、この日以降の情報が届かないことがあります。',
  'insurance.reminder.add': '後期高齢者医療の保険を追加する',
  'insurance.new.title': '新しい保険を追加',
  'insurance.new.lead':
    '新しい保険証・資格確認書・資格情報のお知らせを見ながら入力してください。いまの保険は、新しい保険が始まる日の前日までとして残ります。それまでの日付の情報は、これまでどおり届きます。',
  'insurance.new.documentHint': '新しい保険の番号が書いてあるものを選んでください。',
  'insurance.startsOn': '新しい保険が始まる日（資格取得日）',
  'insurance.startsOn.hint':
    '書類の「資格取得年月日」などに書いてある日です。例: 令和8年12月10日、2026-12-10。後期高齢者医療は75歳の誕生日からです。',
  'insurance.startsOn.readBack': '{date}から始まる保険として追加します',
  'insurance.startsOn.required': '新しい保険が始まる日を入力してください。',
  'insurance.startsOn.invalid_format':
    '日付として読み取れませんでした。例のように「令和8年12月10日」か「2026-12-10」の形で入力してください。',
  'insurance.startsOn.out_of_range':
    'この日付では追加できません。生まれた日より前、半年より先、またはいまの保険が始まった日以前になっています。書類の日付を確かめてください。',
  'insurance.number.already':
    'この保険はすでに登録されています。新しい保険の番号か確かめてください。',
  'insurance.submit': 'この保険を追加する',
  'insurance.added': '新しい保険を追加しました。確認のメールを送りました。',
  'insurance.back': 'あなたのページに戻る',
  'insurance.startsOn.hint.first':
    'わかる場合は、書類の「資格取得年月日」を入力してください。はじめて保険の番号を登録する場合は、空欄のままでかまいません。',
  'insurance.none.later':
    'マイナ保険証で、番号なしで登録しています。番号がわかったら（資格情報のお知らせ・マイナポータル）、ここで追加してください。参加施設の受付でも追加できます。追加するまでは、医療機関や薬局は保険の番号ではあなたの情報を送れません（登録QRコードは使えます）。',
} as const;
