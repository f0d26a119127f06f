/**
 * The reception console (`pages/staff`): its frame, sign-in and enrolment, the paper form and
 * entering it, withdrawals, entries, corrections and claim sheets. Only the console's code reads
 * it (through `i18n/staff.ts`), so a resident's phone never downloads it. Its keys begin with
 * `staff.` or `paper.`.
 *
 * The Japanese text, which defines the keys; `../en/staff.ts` has exactly the same keys in
 * English.
 */
export const ja = {
  'paper.title': '紙の申込書（印刷用）',
  'paper.help':
    'A4の用紙1枚に印刷されます。スマートフォンで登録しない方に渡し、記入してもらってください。受付での入力画面は、この用紙と同じ順番です。',
  'paper.label': '連携ネット 参加申込書',
  'paper.heading': '連携ネット 参加申込書',
  'paper.consentLine': '私は、ネットワークの同意書の説明を受け、内容に同意して参加を申し込みます。',
  'paper.optional': '（任意）',
  'paper.itemNo': '項目{no}',
  'paper.item.name': '氏名',
  'paper.item.nameKana': 'ふりがな',
  'paper.item.sex': '性別',
  'paper.item.birthDate': '生年月日',
  'paper.item.phone': '電話番号',
  'paper.item.address': '住所',
  'paper.item.insurance': '保険証の情報',
  'paper.item.careInsuranceNumber': '介護保険 被保険者番号',
  'paper.item.email': 'メールアドレス',
  'paper.item.proxy': '代理人（ご本人が署名できない場合）',
  'paper.item.signedOn': '署名した日',
  'paper.item.facility': '施設記入欄',
  'paper.field.documentKind': 'お持ちの書類',
  'paper.field.proxyName': '代理人の氏名',
  'paper.field.proxyRelationship': 'ご本人との続柄',
  'paper.field.proxyReason': 'ご本人が署名できない理由',
  'paper.field.facility': '施設',
  'paper.field.formSerial': '申込書番号',
  'paper.field.network': 'ネットワーク',
  'paper.field.checkedBy': '受付者',
  'paper.reason.no_phone': 'スマートフォンがない',
  'paper.reason.cannot_operate': '操作が難しい',
  'paper.reason.illness': '病気・けが',
  'paper.reason.cognitive': '認知機能の低下など',
  'paper.reason.other': 'その他',
  'paper.signature': '署名（ご本人、または代理人）',
  'paper.note': '記入した用紙は受付にお渡しください。受付で本人確認書類を確認します。',

  'staff.brand': '連携ネット 施設職員',
  'staff.footer': '施設の職員用の画面です。15分操作がないと自動でログアウトします。',
  'staff.header.name': '{name} さん',
  'staff.signOut': 'ログアウト',
  'staff.nav.label': '職員のメニュー',
  'staff.nav.new': '申込書の入力',
  'staff.nav.entries': '本日の入力',
  'staff.nav.withdrawal': '撤回の入力',
  'staff.nav.paperForm': '申込書の印刷',
  'staff.nav.records': '共有情報を見る',
  'staff.nav.presentation': 'QR・保険証の提示を記録',
  'staff.role.reception': '受付',
  'staff.role.facility_admin': '施設管理者',
  'staff.role.doctor': '医師',
  'staff.role.dentist': '歯科医師',
  'staff.role.pharmacist': '薬剤師',
  'staff.role.nurse': '看護師',
  'staff.role.care_manager': 'ケアマネジャー',
  'staff.role.care_worker': '介護職員',
  'staff.notForRole':
    '申込書の入力は、受付と施設管理者の方だけが行えます。入力が必要な場合は、施設の管理者にご相談ください。',
  'staff.idle.warning':
    '操作がないため、あと1分でログアウトします。続ける場合は、何かキーを押すか「続ける」を押してください。',
  'staff.idle.continue': '続ける',
  'staff.notice.expired':
    '15分操作がなかったため、ログアウトしました。もう一度ログインしてください。入力中の内容は保存されていません。',
  'staff.notice.signedOut': 'ログアウトしました。',
  'staff.passkey.cancelled':
    'ログインできませんでした。もう一度「パスキーでログイン」を押し、PINや指紋で本人確認をしてください。',
  'staff.passkey.unsupported':
    'このブラウザではパスキーを使えません。受付のパソコンの管理者にご相談ください。',
  'staff.passkey.exists':
    'このパソコン（またはセキュリティキー）には、すでにあなたのパスキーがあります。「パスキーでログイン」を使ってください。',
  'staff.passkey.failed':
    'パスキーを使えませんでした。もう一度お試しください。続く場合は、ネットワーク事務局にご相談ください。',
  'staff.passkey.rejected':
    'このパスキーを確認できませんでした。登録したパスキーを選んで、もう一度お試しください。続く場合は、ネットワーク事務局に新しい登録用リンクを依頼してください。',

  'staff.signIn.title': '施設職員のログイン',
  'staff.signIn.passkey.title': 'パスキーでログイン',
  'staff.signIn.lead':
    'このパソコン（またはセキュリティキー）に登録したパスキーで、PIN・指紋・顔認証による本人確認をしてログインします。',
  'staff.signIn.button': 'パスキーでログイン',
  'staff.signIn.unsupported':
    'このブラウザではパスキーを使えません。Chrome・Edge・Safariの新しい版を使ってください。',
  'staff.signIn.noAccount.title': 'アカウントがない場合',
  'staff.signIn.noAccount.body':
    '施設の職員のアカウントは、ネットワーク事務局が発行します。事務局に、あなたの氏名・役割・施設を伝えて、登録用リンクを依頼してください（リンクの有効期限は7日です）。',
  'staff.signIn.newPc': 'パソコンを替えたときも、事務局に新しい登録用リンクを依頼してください。',
  'staff.paperForm.link': '紙の申込書を印刷する',
  'staff.paperForm.print': '白紙の申込書を印刷',

  'staff.enrol.title': '施設の職員の登録',
  'staff.enrol.for': 'この登録用リンクの方',
  'staff.enrol.name': '氏名',
  'staff.enrol.role': '役割',
  'staff.enrol.facility': '施設',
  'staff.enrol.notYou':
    'あなたの情報でない場合は、登録せずにネットワーク事務局に連絡してください。',
  'staff.enrol.lead':
    'このパソコン（またはセキュリティキー）にパスキーを作ります。PIN・指紋・顔認証による本人確認が必要です。次からは、このパスキーでログインします。',
  'staff.enrol.create': 'パスキーを作ってログイン',
  'staff.enrol.invalid':
    'この登録用リンクは使えません（有効期限の7日が過ぎた、すでに使われた、または途中が欠けています）。ネットワーク事務局に、新しい登録用リンクの発行を依頼してください。',
  'staff.enrol.failed': '登録用リンクを確認できませんでした。もう一度読み込んでください。',

  'staff.new.title': '紙の申込書の入力',
  'staff.new.keys':
    '用紙と同じ順番です。Tab（またはEnter）で次の項目、選択肢は矢印キー、チェックはスペースキー。保存は「保存する」ボタンか Ctrl+Enter です。',
  'staff.new.save': '保存する',
  'staff.new.consentVersion': '（同意書 第{version}版）',
  'staff.new.alreadyRegistered':
    'この申込書は保存していません。用紙はご本人にお返しするか、施設の手順に従って保管してください。',
  'staff.hint.kana':
    'ひらがなかカタカナ。例: やまだ はなこ。名前がローマ字だけの方はローマ字（例: SMITH JOHN）',
  'staff.hint.date': '例: 1950-04-01、S25.4.1、昭和25年4月1日',
  'staff.hint.signedOn': '用紙に書かれた日付。例: 2026-04-01、R8.4.1',
  'staff.hint.care': '10桁の数字。介護保険証がない方は空欄のまま。',
  'staff.hint.email': 'ご本人のアドレスだけ。代理人のアドレスは入れないでください。',
  'staff.hint.lateElderly': '後期高齢者医療の方は、記号と枝番はありません。',
  'staff.hint.serial': '用紙の右下の番号（英数字とハイフン、40文字まで）',
  'staff.proxy.has': '代理人の欄に記入がある',
  'staff.readBack.birth': '{date}として登録します。',
  'staff.readBack.signedOn': '署名日: {date}',
  'staff.check.date': '日付として読めません。1950-04-01 や S25.4.1 の形で入力してください。',
  'staff.check.signedOn':
    '署名した日が、未来の日付か古すぎる日付になっています。用紙の日付を確かめてください。',
  'staff.check.care':
    '介護保険の被保険者番号は10桁の数字です。用紙を確かめるか、わからなければ空欄にしてください。',
  'staff.check.proxy':
    '代理人の欄は、氏名・続柄・理由の3つをそろえて入力してください。代理人がいない場合は「代理人の欄に記入がある」のチェックを外してください。',
  'staff.check.serial':
    '申込書番号は、英数字とハイフンで40文字までです。用紙の番号を確かめてください。',
  'staff.check.noConsent':
    'このネットワークには同意書がないため、登録を受け付けられません。ネットワーク事務局にご相談ください。',
  'staff.check.consentChanged':
    'ネットワークの同意書が新しい版になりました。画面を読み込み直してから、用紙の同意書の版を確かめて入力し直してください。',
  'staff.dup.checking': '同じ方が登録されていないか確かめています…',
  'staff.dup.failed': '重複の確認ができませんでした。保存するときにもう一度確かめます。',
  'staff.dup.none': '同じふりがな・生年月日の登録はありません。',
  'staff.dup.title': '同じふりがな・生年月日の方が登録されています（{count}件）',
  'staff.dup.lead': 'すでに登録済みの方かもしれません。ご本人に確かめてください。',
  'staff.dup.birth': '生年月日 {date}',
  'staff.dup.number': '登録番号',
  'staff.dup.registered': '{date}に登録（{channel}）',
  'staff.dup.stop':
    '同じ方なら、入力をやめてください（新しい登録は要りません）。別の方なら、下にチェックを入れてください。',
  'staff.dup.confirm': '別の方です（上の一覧の方とは別人であることを確かめた）',
  'staff.dup.mustConfirm':
    '同じふりがな・生年月日の方がいます。同じ方なら入力をやめ、別の方ならチェックを入れてください。',
  'staff.masked': '（{count}文字伏せ字）',
  'staff.confirm.title': '受付での確認',
  'staff.confirm.identity': '本人確認書類を確認した',
  'staff.confirm.form': '署名済みの用紙を受け取った',
  'staff.confirm.missing': '確認したら、チェックを入れてください。',

  'staff.sheet.title': '登録のご案内（引き換え用紙）',
  'staff.sheet.help': '{name}さんに渡す用紙です。印刷して、ご本人かご家族に渡してください。',
  'staff.sheet.print': '印刷する',
  'staff.sheet.next': '次の申込書を入力',
  'staff.sheet.toEntry': 'この入力の詳細へ',
  'staff.sheet.once':
    'この用紙のコードは、この画面でしか表示されません（{date}まで有効）。なくした場合は「再発行」で新しい用紙を作れます。',
  'staff.sheet.label': '登録のご案内',
  'staff.sheet.heading': '連携ネットへの登録が済みました',
  'staff.sheet.code': 'コード',
  'staff.sheet.qrAlt': 'ご自身で使い始めるためのQRコード（コード {code}）',
  'staff.sheet.expires': '有効期限: {date}まで',
  'staff.sheet.self.title': 'ご本人が使い始めるには',
  'staff.sheet.self.1': 'ご自身のスマートフォンで、このQRコードを読み取ります。',
  'staff.sheet.self.2': 'ご自身の生年月日を入力して確かめます。',
  'staff.sheet.self.3':
    '「パスキーを作って始める」を押し、パスキーを作ります（指紋・顔・画面ロックでログインできます）。',
  'staff.sheet.family.title': 'ご家族が代理をするには',
  'staff.sheet.family.1': 'ご家族ご自身のスマートフォンで、このQRコードを読み取ります。',
  'staff.sheet.family.2':
    'ご家族ご自身のアカウントでログインします（まだの方は先に登録してください）。',
  'staff.sheet.family.3':
    'ご本人の生年月日と続柄を入力し、「ご自身でログインして代理になる」を押します。',
  'staff.sheet.url': '読み取れないときは、次のアドレスを入力:',
  'staff.sheet.keep':
    'この用紙は、使い始めるまで大切に保管してください。ほかの人に見せないでください。',
  'staff.sheet.noPhone':
    'スマートフォンを使わない場合は、何もしなくてもかまいません。登録はもう済んでいます。',
  'staff.sheet.missing':
    'この入力の案内用紙は、この画面では表示できません（コードは一度しか表示されないため、画面を読み込み直すと消えます）。新しい用紙を作るには「再発行」を押してください。',
  'staff.reissue': '案内用紙を再発行',
  'staff.reissue.lead': '案内用紙をなくした場合などに、新しい用紙を作れます。',
  'staff.reissue.confirm':
    '再発行すると、前に渡した用紙のコードとQRコードは使えなくなります。再発行しますか？',
  'staff.reissue.yes': '再発行する（前の用紙は使えなくなります）',
  'staff.reissue.no': 'やめる',
  'staff.reissue.identity': 'ご本人の確認に使った書類',
  'staff.reissue.identity.hint':
    '用紙は窓口に来たご本人に渡します。確認した書類は、ご本人が見られる記録に、あなたの名前とともに残ります。',
  'staff.reissue.identity.required': 'ご本人の確認に使った書類を選んでください。',
  'staff.reissue.identity.my_number_card': 'マイナンバーカード',
  'staff.reissue.identity.driver_licence': '運転免許証',
  'staff.reissue.identity.qualification_certificate': '資格確認書（保険証）',
  'staff.reissue.identity.other_photo_id': 'その他の写真付きの身分証',

  'staff.entries.title': '入力した申込書',
  'staff.entries.day': '日付',
  'staff.entries.prev': '前の日',
  'staff.entries.next': '次の日',
  'staff.entries.show': '表示',
  'staff.entries.of': '{date}の入力（{count}件）',
  'staff.entries.none': 'この日に入力した申込書はありません。',
  'staff.entries.kind': '種類',
  'staff.entries.by': '入力した人',
  'staff.entries.at': '時刻',
  'staff.entries.corrected': '訂正',
  'staff.entries.correctedCount': '{count}回',
  'staff.kind.registration': '参加申込',
  'staff.kind.withdrawal': '撤回',

  'staff.entry.title': '入力の詳細',
  'staff.entry.changes': '訂正の履歴',
  'staff.entry.noChanges': '訂正はありません。',
  'staff.entry.correct': '入力内容を訂正する',
  'staff.entry.correctLead':
    '用紙と見比べて、違うところだけ直してください。変わった項目だけが保存され、履歴に残ります。',
  'staff.entry.saveCorrection': '訂正を保存する',
  'staff.entry.cancel': '訂正をやめる',
  'staff.entry.nothing': '変更された項目がありません。直す項目を入力してから保存してください。',
  'staff.entry.saved': '訂正を保存しました。',
  'staff.entry.back': '入力した申込書の一覧へ',

  'staff.withdrawal.title': '撤回の申込書の入力',
  'staff.withdrawal.lead':
    '紙の撤回届を入力します。登録番号と生年月日が一致する方の参加を撤回します。Tab で次の項目、保存は「撤回を保存する」か Ctrl+Enter です。',
  'staff.withdrawal.numberHint': '撤回届に書かれた登録番号（ハイフンはなくてもかまいません）',
  'staff.withdrawal.formReceived': '署名済みの撤回届を受け取った',
  'staff.withdrawal.save': '撤回を保存する',
  'staff.withdrawal.notFound':
    '登録番号と生年月日が一致する方が見つかりません。撤回届の登録番号と生年月日を確かめてください。',
  'staff.withdrawal.done': '撤回を保存しました',
  'staff.withdrawal.doneBody':
    '{name}さんの{network}への参加の撤回を、{date}に保存しました。ご本人に受付メールが届きます（アドレスがある場合）。',

  'staff.find.by': '探し方',
  'staff.find.byQr': '登録QRコード・登録番号',
  'staff.find.byQr.detail': 'QRコードの読み取り機、または手入力',
  'staff.find.byCard': '保険証と生年月日',
  'staff.find.byCard.detail': 'QRコードがないとき',
  'staff.find.qr': '登録QRコード または 登録番号',
  'staff.find.qr.hint':
    '読み取り機でQRコードを読み取ると、そのまま探します。手入力のときは、QRコードの下の「登録番号」と「コード」を続けて入力してください（ハイフン・空白はなくてもかまいません）。',
  'staff.find.qr.invalid':
    '登録QRコードか登録番号として読めません。もう一度読み取るか、QRコードの下の文字を確かめて入力してください。',
  'staff.find.birth': '生年月日',
  'staff.find.readBack': '生年月日: {date}',
  'staff.find.who.qr': '登録QRコード（登録番号 {number}）',
  'staff.find.who.number': '登録番号 {number}',
  'staff.find.who.card': '保険証 {insurer}・番号 {number}・生年月日 {birth}',

  'staff.records.title': '共有情報を見る',
  'staff.records.lead':
    'ご本人の登録QRコードを読み取るか、登録番号、または保険証と生年月日で探します。開いたことは、ご本人が見る記録に、この施設名と職種で残ります。',
  'staff.records.numberNote':
    '登録番号だけで開けるのは、この施設がすでに見られる方だけです。初めての方は、登録QRコードを見せてもらってください。',
  'staff.records.find': '探す',
  'staff.records.finding': '探しています…',
  'staff.records.notFound.title': 'あなたが開ける記録はありません',
  'staff.records.notFound.body':
    'この施設で開ける方の記録は見つかりませんでした。ご本人に登録QRコードを見せてもらうか、受付で「QR・保険証の提示を記録」をしてもらってください。入力した番号や生年月日に間違いがないかも確かめてください。',
  'staff.records.notFound.emergency':
    '救急などで、ご本人に確かめられない場合は「緊急時の閲覧」を使えます。',
  'staff.records.notForRole':
    '共有情報を見られるのは、医師・歯科医師・薬剤師・看護師・ケアマネジャー・介護職員の方です。受付では「QR・保険証の提示を記録」を使ってください。',

  'staff.record.title': '{name}さんの共有情報',
  'staff.record.kana': 'ふりがな',
  'staff.record.birth': '生年月日',
  'staff.record.sex': '性別',
  'staff.record.number': '登録番号',
  'staff.record.asOf': '{date} 時点の情報です。',
  'staff.record.sharedSince':
    '{date}からの情報を共有しています。それより前の情報は、ここにはありません。',
  'staff.record.emergencyUntil':
    '緊急時の閲覧で表示しています（{date}まで）。ご本人とご家族に通知し、ネットワーク事務局が確認します。',
  'staff.record.yourRole': 'あなたの職種（{role}）に表示される情報です。',
  'staff.record.notShown': 'あなたの職種（{role}）には表示されません',
  'staff.record.part.current_medicines': '現在の薬',
  'staff.record.part.contraindications': '禁忌（使ってはいけない薬）',
  'staff.record.part.allergies': 'アレルギー',
  'staff.record.part.medication_history': '服薬歴（新しいもの）',
  'staff.record.part.emergency_contact': '緊急連絡先',
  'staff.record.empty': '記録はありません。',
  'staff.record.contactNone': '緊急連絡先は登録されていません。',
  'staff.record.from': '{facility}・{date}',
  'staff.record.until': '{date}まで',
  'staff.record.unstated': '日数の記載なし（頓服・外用など）',
  'staff.record.prescribedBy': '処方: {facility}',
  'staff.record.byPatient': 'ご本人のお薬手帳アプリから',
  'staff.record.inactive': '（現在は該当しない）',
  'staff.record.kind.request': '処方',
  'staff.record.kind.dispense': '調剤',
  'staff.record.kind.statement': '服用の記録',
  'staff.record.another': '別の方を探す',

  'staff.emergency.title': '緊急時の閲覧',
  'staff.emergency.start': '緊急時の閲覧へ進む',
  'staff.emergency.warning':
    '救急搬送や、ご本人が同意を示せないときなど、本当に必要なときだけ使ってください。開くとすぐに、ご本人と、手続きをする代理のご家族にメールで知らせます。ネットワーク事務局が、すべての緊急時の閲覧を確認します。',
  'staff.emergency.forWhom': '対象: {who}',
  'staff.emergency.reason': '理由',
  'staff.emergency.reason.emergency_transport': '救急搬送',
  'staff.emergency.reason.cannot_consent':
    'ご本人が同意を示せない（意識がない、QRコードを見せられないなど）',
  'staff.emergency.reason.other': 'その他（下に理由を書く）',
  'staff.emergency.note': '理由の説明',
  'staff.emergency.note.hint': '200文字まで。ネットワーク事務局が読みます。',
  'staff.emergency.note.required': '「その他」のときは、理由を書いてください。',
  'staff.emergency.note.tooLong': '200文字までにしてください（いま{count}文字）。',
  'staff.emergency.note.count': '{count} / 200文字',
  'staff.emergency.open': '緊急時の閲覧を開く（ご本人とご家族に通知されます）',
  'staff.emergency.notFound':
    'この施設のネットワークに参加している方が見つかりません。番号や保険証、生年月日を確かめてください。緊急時の閲覧でも、参加していない方の情報は開けません。',
  'staff.emergency.cancel': 'やめる',

  'staff.presentation.title': 'QR・保険証の提示を記録',
  'staff.presentation.lead':
    'ご本人が受付で登録QRコードか保険証を提示したことを記録します。記録すると、この施設の医療職・介護職の方が、ご本人の共有情報（お薬・アレルギーなど）を見られるようになります。',
  'staff.presentation.numberOnly':
    '登録番号だけでは記録できません。登録QRコードを読み取るか、QRコードの下の登録番号とコードを両方入力するか、保険証と生年月日で記録してください。',
  'staff.presentation.save': '提示を記録する',
  'staff.presentation.notFound':
    'この施設のネットワークに参加している方が見つかりません。QRコードを読み取り直すか、保険証の番号と生年月日を確かめてください。参加していない方は、申込書で参加を申し込めます。',
  'staff.presentation.done': '{name}さんの提示を記録しました',
  'staff.presentation.started':
    'この施設の医療職・介護職の方が、{name}さんの共有情報を見られるようになりました。',
  'staff.presentation.already':
    'この施設は、すでに{name}さんの共有情報を見られる状態でした（新しく変わったことはありません）。',
  'staff.presentation.notAllowed': 'この施設は、{name}さんの情報をまだ見られません',
  'staff.presentation.endedByPerson':
    '{name}さんは、この施設に情報を見せるのをやめています。保険証では記録できません。見られるようにするには、ご本人の新しい登録QRコードを読み取ってください。',
  'staff.presentation.checkName':
    '保険証やQRコードのお名前と同じか確かめてください。違う場合は、ネットワーク事務局に連絡してください。',
  'staff.presentation.next': '次の方を記録する',
  'staff.nav.insurance': '新しい保険の追加',
  'staff.insurance.title': '新しい保険の追加',
  'staff.insurance.lead':
    '保険が変わった方（75歳で後期高齢者医療になった、仕事が変わったなど）の新しい保険を、ご本人の確認をしてから追加します。ご本人がスマートフォンで使っている方でも追加できます。いまの保険は、新しい保険が始まる日の前日までとして残ります。',
  'staff.insurance.person': 'どなたの登録か',
  'staff.insurance.person.hint': '登録QRコード、またはいままでの保険証と生年月日で探します。',
  'staff.insurance.new': '新しい保険',
  'staff.insurance.documentHint': '新しい保険の番号が書いてある書類を選んでください。',
  'staff.insurance.startsOn': '新しい保険が始まる日（資格取得日）',
  'staff.insurance.startsOn.hint':
    '書類の資格取得年月日。後期高齢者医療は75歳の誕生日から。例: 令和8年12月10日、2026-12-10。マイナ保険証で番号なしで登録した方の最初の保険は、空欄のままでかまいません。',
  'staff.insurance.startsOn.readBack': '{date}から始まる保険として追加します',
  'staff.insurance.startsOn.out_of_range':
    'この日付では追加できません（生年月日より前、半年より先、またはいまの保険の開始日以前）。書類の日付を確かめてください。',
  'staff.insurance.number.already':
    'この保険はすでに登録されています。新しい保険の番号か確かめてください。',
  'staff.insurance.save': '新しい保険を追加する',
  'staff.insurance.notFound':
    'この施設のネットワークに参加している方が見つかりません。QRコードを読み取り直すか、いままでの保険証の番号と生年月日を確かめてください。',
  'staff.insurance.done': '{name}さんに新しい保険を追加しました',
  'staff.insurance.doneBody':
    '{date}から、新しい保険の番号で届く情報が{name}さんの記録に入ります。ご本人にはメールでお知らせしました（メールアドレスがある場合）。',
  'staff.insurance.next': '次の方の保険を追加する',
  'staff.nav.proxyConfirm': '代理の確認',
  'staff.proxyConfirm.title': '代理の確認（窓口）',
  'staff.proxyConfirm.lead':
    'ご本人と代理人（ご家族など）のお二人が窓口にいて、それぞれの本人確認書類を確認できたときに、代理を確認します。見直しの日を過ぎて一時停止している代理の更新にも使います。確認すると、代理人はご本人の情報を見られるようになり、1年後が次の見直しの日になります。',
  'staff.proxyConfirm.person': 'ご本人',
  'staff.proxyConfirm.personIdentity': 'ご本人の確認に使った書類',
  'staff.proxyConfirm.proxy': '代理人',
  'staff.proxyConfirm.proxyNumber': '代理人の登録番号',
  'staff.proxyConfirm.proxyNumber.hint':
    '代理人ご自身のページやメールにある登録番号（例: ABCD-EFGH-JK）。',
  'staff.proxyConfirm.proxyBirth': '代理人の生年月日',
  'staff.proxyConfirm.proxyIdentity': '代理人の確認に使った書類',
  'staff.proxyConfirm.save': 'この代理を確認する',
  'staff.proxyConfirm.notFound':
    '確認できる代理が見つかりません。ご本人がこの施設のネットワークに参加しているか、代理人の登録番号と生年月日、お二人の代理の関係（代理人がご本人の代理として登録されているか）を確かめてください。',
  'staff.proxyConfirm.done': '{proxy}さんが{person}さんの代理をすることを確認しました',
  'staff.proxyConfirm.doneBody':
    'お二人にメールでお知らせしました（メールアドレスがある場合）。次の見直しの日は{date}です。',
  'staff.proxyConfirm.next': '次の確認をする',
  'staff.insurance.doneBody.first':
    '{name}さんの登録に保険の番号が入りました。これからは、この番号で届く情報が{name}さんの記録に入ります。ご本人にはメールでお知らせしました（メールアドレスがある場合）。',
} as const;
