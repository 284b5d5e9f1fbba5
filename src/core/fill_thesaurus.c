#include <config.h>

/* The domain thesaurus of fill: groups of words that customers and our
 * checklists use for one thing. It is general vocabulary of cloud
 * service levels and information security, not the wording of any one
 * questionnaire: each group says where it comes from.
 *  [METI]  the METI checklist's own terms (item titles and descriptions)
 *          and the usual names of the same notions;
 *  [SLA]   service-level terms as SLAs and ITIL write them, with their
 *          English abbreviations (RTO, RPO, MTTR);
 *  [ISMS]  JIS Q 27000 / 27001 / 27002 (ISO/IEC 27000 series) and
 *          ISO/IEC 27017 terms, and the names of certifications;
 *  [IPA]   IPA's 非機能要求グレード and 情報セキュリティ白書 terms;
 *  [ORTH]  spelling variants of one word (問合せ / 問い合わせ,
 *          漏えい / 漏洩, ウイルス / ウィルス, サーバ / サーバー).
 * A word belongs to one group only; words so general that they would
 * join unrelated items (変更, 管理, 情報) are left out. Words are written
 * as people write them: folding (width, case, kana marks) is done here
 * as for any text. */

#include "fill_thesaurus.h"

#include <stdlib.h>
#include <string.h>

#include "fill_text.h"
#include "xalloc.h"

/* Each group: its words separated by '|'. */
static const char *const groups[] = {
	/* [SLA][METI] availability: METI 稼働率, ISO 可用性 */
	"稼働率|可用性|アベイラビリティ|availability|uptime|アップタイム|稼動率",
	/* [SLA][METI] the hours the service runs */
	"サービス時間|利用可能時間|稼働時間|運用時間|利用時間",
	/* [METI][IPA] planned outages for maintenance */
	"計画停止|定期保守|保守停止|メンテナンス|保守作業|計画保守|定期点検|保守|点検",
	/* [SLA] outage */
	"停止|中断|ダウン|休止|サービス断|ダウンタイム",
	/* [METI] the end of the service */
	"提供終了|サービス終了|廃止|撤退|打ち切り|サービス廃止|終了",
	/* [METI] the provider's sudden end: bankruptcy, escrow */
	"預託|エスクロー|escrow|倒産|破綻|廃業|事業継続|突然",
	/* [SLA][ISMS] disaster recovery */
	"ディザスタリカバリ|災害|震災|地震|天災|被災|広域災害|dr|ディザスタ|bcp|事業継続計画",
	/* [SLA] recovery, restore */
	"復旧|復元|リストア|restore|回復|リカバリ|再開",
	/* [METI] substitute measures */
	"代替|代替手段|代替措置|代わり|縮退",
	/* [METI] data and file formats */
	"データ形式|ファイル形式|フォーマット|形式|csv|tsv|xml|json",
	/* [METI][ISMS] updates, patches, change management */
	"アップグレード|バージョンアップ|アップデート|パッチ|patch|update|upgrade|変更管理|リリース",
	/* [SLA] mean time to repair */
	"平均復旧時間|mttr|平均修復時間|平均修理時間",
	/* [SLA] recovery time objective */
	"目標復旧時間|rto|復旧目標時間|目標復旧時刻",
	/* [SLA] recovery point objective */
	"目標復旧時点|rpo|復旧時点|復元時点|復旧ポイント",
	/* [SLA][ISMS] failures and faults (not security incidents) */
	"障害|故障|不具合|トラブル|システム障害|異常",
	/* [METI] counts of events */
	"件数|発生件数|発生回数|回数",
	/* [IPA][SLA] monitoring */
	"監視|モニタリング|monitoring|死活監視|監視項目",
	/* [IPA][ORTH] thresholds and criteria */
	"しきい値|閾値|基準値|threshold|基準",
	/* [METI] notice to the customer */
	"通知|連絡|告知|お知らせ|周知|案内",
	/* [METI][ISMS] ways and routes of contact */
	"経路|連絡経路|通知先|連絡先|エスカレーション|連絡体制",
	/* [METI][SLA] reports on the service */
	"報告|レポート|報告書|report|月次報告|定期報告",
	/* [METI] how the service is running */
	"提供状況|稼働状況|運用状況|サービス状況|ステータス|status|稼働実績",
	/* [METI][ISMS] logs and audit trails */
	"ログ|log|記録|履歴|証跡|監査ログ|アクセスログ|操作ログ",
	/* [SLA][IPA] response time */
	"応答時間|レスポンス|レスポンスタイム|応答速度|応答性能|response",
	/* [SLA] delay */
	"遅延|遅れ|レイテンシ|latency",
	/* [METI][IPA] batch processing */
	"バッチ|batch|一括処理|夜間処理|バッチ処理",
	/* [METI] customisation */
	"カスタマイズ|カスタマイズ性|個別開発|アドオン|customize|custom",
	/* [METI][IPA] connecting other systems */
	"外部接続|api|連携|インターフェース|インタフェース|外部システム|他システム|既存システム|接続仕様|webhook",
	/* [METI] concurrent users */
	"同時接続|同時アクセス|同時利用|同時ログイン|同時接続数",
	/* [METI][SLA] capacity limits */
	"上限|最大|クォータ|quota|容量|キャパシティ|ディスク容量",
	/* [SLA][ORTH] enquiries and the help desk */
	"問合せ|問い合わせ|問合わせ|お問い合わせ|ヘルプデスク|サポート窓口|窓口|コールセンター|サポートデスク|サービスデスク",
	/* [SLA] the hours a desk answers */
	"受付時間|受付時間帯|対応時間|サポート時間|営業時間|受付",
	/* [METI][ISMS] backup */
	"バックアップ|backup|退避|バックアップデータ|複製",
	/* [METI][ISMS] keeping data */
	"保存|保管|保持|格納|retention",
	/* [METI] how long data is kept */
	"保存期間|保管期間|保持期間|保存期限|保管期限",
	/* [METI] backup generations */
	"世代|世代数|版数",
	/* [METI][ISMS] erasing data */
	"消去|削除|抹消|データ消去|完全消去|wipe|データ削除",
	/* [METI][ISMS] disposal of media */
	"廃棄|破棄|処分|破砕|物理破壊",
	/* [METI] the end of the contract */
	"解約|契約終了|契約解除|退会|利用終了|契約満了",
	/* [METI] handing data back */
	"返却|返還|ポータビリティ|portability|データ移行|エクスポート|export|引き渡し|引渡し",
	/* [ISMS] encryption */
	"暗号化|暗号|encryption|encrypt|秘匿化",
	/* [ISMS][IPA] encrypted transport */
	"tls|ssl|https|vpn|ipsec",
	/* [ISMS] key management */
	"鍵管理|キー管理|暗号鍵|kms|鍵|byok|hsm",
	/* [ISO/IEC 27017] multi-tenancy */
	"マルチテナント|multitenant|マルチテナンシー|共有環境|テナント|他の利用者|他の利用企業|他社",
	/* [ISMS] isolation */
	"隔離|分離|論理分離|物理分離|分割|セグメント",
	/* [ISMS][ORTH] leaks */
	"漏えい|漏洩|流出|情報漏れ|漏出|情報漏えい",
	/* [METI] compensation and insurance */
	"補償|賠償|損害賠償|保険|サイバー保険|補填",
	/* [ISMS] integrity */
	"整合性|完全性|改ざん|改竄|integrity|真正性",
	/* [METI][IPA] input validation */
	"入力チェック|入力制限|入力値検証|バリデーション|validation|入力データ形式|入力形式",
	/* [ISMS] certifications */
	"公的認証|第三者認証|認証取得|isms|iso27001|27001|プライバシーマーク|pマーク|ismap|iso27017|27017|csマーク",
	/* [METI][ISMS] independent assessment */
	"第三者評価|第三者|外部評価|外部監査|客観的|専門家|外部機関",
	/* [IPA][ORTH] vulnerability testing */
	"脆弱性診断|脆弱性検査|ペネトレーションテスト|侵入テスト|ペンテスト|脆弱性評価|セキュリティ診断|脆弱性",
	/* [ISMS] unauthorised access */
	"不正アクセス|不正侵入|侵入|サイバー攻撃|攻撃|不正な侵入|不正",
	/* [METI][ISMS] where data is handled */
	"取扱環境|取扱い環境|取り扱い環境|入退室|入退館|物理的|サーバルーム|サーバールーム|施設",
	/* [ISMS] communications */
	"通信|通信経路|伝送|転送|ネットワーク|network",
	/* [METI] audit reports */
	"監査報告書|保証報告書|sas70|soc1|soc2|18号|3402|監査",
	/* [ISMS] who may handle data, access restriction */
	"取扱者|担当者|作業者|運用者|オペレータ|要員|アクセス権|アクセス制限|アクセス制御|権限",
	/* [ISMS] security incidents */
	"インシデント|セキュリティ事故|事故|incident|セキュリティインシデント|情報セキュリティ事故",
	/* [ISMS] tracing */
	"トレーサビリティ|追跡|トレース|trace|原因究明|追跡可能性",
	/* [ISMS] identifiers */
	"id|アカウント|識別子|ユーザid|account",
	/* [ISMS][ORTH] malware */
	"ウイルス|ウィルス|マルウェア|malware|virus|不正プログラム|ランサムウェア|ワクチン|ウイルス対策|アンチウイルス",
	/* [ISMS] scanning */
	"スキャン|scan|検疫|走査",
	/* [ISMS] storage media */
	"媒体|メディア|記憶媒体|記録媒体|二次記憶|外部記憶|usb|テープ|ディスク",
	/* [METI][ISO/IEC 27017] where data is kept: countries, law */
	"国外|海外|外国|国内|所在国|保存地|リージョン|region|法制度|準拠法|法域|越境",
	/* [METI] frequency and intervals */
	"頻度|間隔|周期|サイクル|定期的",
	/* [METI][ORTH] the customer: METI says 利用者, a questionnaire 当社 */
	"利用者|ユーザ|ユーザー|user|顧客|契約者|利用企業|お客様|当社|弊社",
};

#define N_GROUPS (sizeof groups / sizeof *groups)

typedef struct word {
	uint32_t *c;
	size_t n;
	size_t group;
} word;

/* The words sorted by their first code point, so that a place in a
 * text is tried only against the words that start with its character. */
struct fill_thesaurus {
	word *w;
	size_t n;
};

static int word_cmp(const void *a, const void *b)
{
	uint32_t x = ((const word *)a)->c[0], y = ((const word *)b)->c[0];
	return x < y ? -1 : x > y;
}

fill_thesaurus *fill_thesaurus_new(void)
{
	fill_thesaurus *t = xcalloc(1, sizeof *t);
	size_t cap = 0;
	for (size_t g = 0; g < N_GROUPS; g++)
		for (const char *p = groups[g]; *p;) {
			size_t len = strcspn(p, "|");
			char *one = xstrndup(p, len);
			p += len + (p[len] == '|');
			word w = {.group = g};
			w.n = fill_text_chars(one, false, &w.c);
			free(one);
			if (!w.n) {
				free(w.c);
				continue;
			}
			if (t->n == cap) {
				cap = cap ? cap * 2 : 256;
				t->w = xrealloc(t->w, cap * sizeof *t->w);
			}
			t->w[t->n++] = w;
		}
	if (t->n)
		qsort(t->w, t->n, sizeof *t->w, word_cmp);
	return t;
}

void fill_thesaurus_free(fill_thesaurus *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->w[i].c);
	free(t->w);
	free(t);
}

static bool word_at(const word *w, const uint32_t *c, size_t n, size_t i)
{
	if (i + w->n > n || memcmp(c + i, w->c, w->n * sizeof *c) != 0)
		return false;
	/* a Latin word whole: no letter or digit joined before or after */
	if (fill_is_latin(w->c[0]) && i > 0 && fill_is_latin(c[i - 1]))
		return false;
	if (fill_is_latin(w->c[w->n - 1]) && i + w->n < n && fill_is_latin(c[i + w->n]))
		return false;
	return true;
}

void fill_thesaurus_scan(const fill_thesaurus *t, const uint32_t *c, size_t n,
			 void (*found)(size_t group, size_t at, size_t len, void *ctx), void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = t->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (t->w[mid].c[0] < c[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < t->n && t->w[k].c[0] == c[i]; k++)
			if (word_at(&t->w[k], c, n, i))
				found(t->w[k].group, i, t->w[k].n, ctx);
	}
}

size_t fill_thesaurus_groups(void) { return N_GROUPS; }
