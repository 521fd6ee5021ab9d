/**
 * The one stylesheet, served from this origin (the CSP allows no other and no inline style). Small on
 * purpose: every applicant page, HTML and CSS together, must stay under 32 KB for slow connections.
 */
export const siteCss = `
:root{--ink:#1b1b1f;--muted:#4a4a55;--line:#c9c9d2;--bg:#fbfbf8;--card:#fff;--accent:#0b5394;--accent-ink:#fff;--bad:#a4121b;--good:#1d6b32;--exit:#7a1111;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Thai","Noto Sans Khmer","Noto Sans Myanmar",sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0}
main,.top,.bottom{max-width:42rem;margin:0 auto;padding:0 1rem}
.wide main,.wide .top,.wide .bottom{max-width:76rem}
.wide main :is(p,ul,ol,h1,h2,h3,.prose,.field,fieldset){max-width:44rem}
main{padding-bottom:2rem}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--ink);outline-offset:2px;box-shadow:0 0 0 2px #fff}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.75rem;z-index:2}
.top{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--ink)}
.languages ul{display:flex;flex-wrap:wrap;gap:0 .25rem;list-style:none;margin:0;padding:0}
.languages a,.exit,.button,button{display:inline-flex;align-items:center;min-height:2.75rem}
.languages a{padding:0 .4rem}
.languages button{background:none;color:var(--accent);border:0;border-radius:0;padding:0 .4rem;font-weight:400;text-decoration:underline}
.languages:has(li:nth-child(5)){order:1;width:100%}
@media (max-width:30rem){.top{padding-top:.5rem;padding-bottom:.25rem;row-gap:.25rem}.languages{order:1;width:100%}.languages :is(a,button){padding:0 .6rem 0 0}}
main li>a:first-child{display:inline-block;padding:.55rem 0}
main li{margin:.1rem 0}
main>.tag:first-child{margin-top:1rem}
.languages [aria-current=true]{font-weight:700;color:var(--ink);text-decoration:none}
.exit{background:var(--exit);color:#fff;padding:0 .9rem;border-radius:.3rem;font-weight:700;text-decoration:none;gap:.35em}
.bottom{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.7rem;line-height:1.25;margin:1.5rem 0 .75rem}
h2{font-size:1.3rem;margin:1.75rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted)}
.in-english{margin-top:-.25rem;padding-left:.6rem;border-left:3px solid var(--line);color:var(--muted)}
:lang(th),:lang(km),:lang(my),:lang(lo){line-height:1.75}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem}
.card h3{margin:.25rem 0 .5rem;font-size:1.2rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.5rem 0;list-style:none;color:var(--muted);font-size:.95rem}
.tag{display:inline-block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.button,button{background:var(--accent);color:var(--accent-ink);border:0;border-radius:.3rem;padding:.5rem 1.1rem;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:transparent;color:var(--accent);border:2px solid var(--accent)}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem;background:var(--card)}
legend,.label{font-weight:700;padding:0}
legend{float:left;width:100%;margin:0 0 .35rem}
legend+*{clear:left}
.field{margin:0 0 1.25rem;padding:.75rem 1rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--card)}
.field label.label{display:block;padding:0;margin-bottom:.35rem}
.help{display:block;color:var(--muted);font-size:.95rem;margin:.1rem 0 .5rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:0}
.choice input{flex:none;margin:.75rem 0 0;width:1.25rem;height:1.25rem}
.choice label{flex:1;padding:.6rem 0}
input.pick{width:1.25rem;height:1.25rem;margin:0 .35rem 0 0;vertical-align:-.25rem}
input[type=date]{font:inherit;padding:.45rem .6rem;border:2px solid var(--muted);border-radius:.3rem;min-height:2.75rem;background:#fff;color:var(--ink)}
input[type=text],input[type=number],input[type=email],input[type=tel],input[type=url],select,textarea{font:inherit;padding:.45rem .6rem;border:2px solid var(--muted);border-radius:.3rem;width:100%;min-height:2.75rem;background:#fff;color:var(--ink)}
input[inputmode],input[type=number]{max-width:20rem}
textarea{display:block;resize:vertical;line-height:1.5}
.actions select{width:auto}
.invalid,input.invalid{border-color:var(--bad)}
.error{color:var(--bad);font-weight:700;display:block;margin:.25rem 0}
.summary{border:3px solid var(--bad);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;background:#fff}
.summary h2{margin-top:0;color:var(--bad)}
.summary li{padding:.4rem 0}.summary li>a:first-child{display:inline;padding:0}
.outcome{border-left:6px solid var(--good);padding:.25rem 1rem;margin:1rem 0}
.outcome.no{border-color:var(--bad)}
.note{color:var(--muted)}
.code{font-size:1.4rem;letter-spacing:.05em;font-family:ui-monospace,monospace;background:#fff;border:2px dashed var(--muted);padding:.75rem 1rem;display:inline-block}
.prose{white-space:pre-wrap}
.help-now{border-left:6px solid var(--accent);padding:.25rem 1rem;margin:1.25rem 0}
.help-list{list-style:none;padding:0;margin:.5rem 0}
.help-list li{margin:0 0 1rem}
.help-ways{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.help-ways a{display:inline-block;padding:.6rem 0;min-height:2.75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:var(--card)}
th,td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f1f1f4}
caption{text-align:left;padding:.25rem 0}
@media (max-width:40rem){
table.stacked,table.stacked tbody,table.stacked tr,table.stacked td{display:block;width:auto}
table.stacked thead tr{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
table.stacked thead th{border:0;background:none;padding:.25rem 0}
table.stacked thead th:not(:has(a)){position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table.stacked tbody tr{border:1px solid var(--line);border-radius:.5rem;margin:0 0 .75rem;padding:.5rem .75rem;background:var(--card)}
table.stacked td{border:0;padding:.2rem 0;text-align:left}
table.stacked td::before{content:attr(data-label) ": ";font-weight:700}
table.stacked td:not([data-label])::before{content:none}
table.stacked tbody th{display:block;border:0;padding:.2rem 0;background:none}
:not(.scroll)>table:has(a,button,input,select){display:block;overflow-x:auto}
table:not(:has(a,button,input,select)) :is(th,td){overflow-wrap:anywhere}
th,td{padding:.35rem .45rem}
.field,fieldset{padding:.6rem .75rem .75rem}
}
.signout{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:flex-end;margin:.75rem 0}
.scale{display:flex;flex-wrap:wrap;gap:0 1.25rem}
.qr svg{width:12rem;height:12rem;background:#fff}
.code-input{width:100%;font-family:ui-monospace,monospace;font-size:.85rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.number{text-align:right;font-variant-numeric:tabular-nums}
.filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
.filters .actions{margin:0 0 1.25rem}
.filters select{min-width:0;width:100%}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:.5rem 0 1rem}
.figures div{background:var(--card);border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem}
.figures dt{color:var(--muted);font-size:.9rem}
.figures dd{margin:0;font-size:1.35rem;font-weight:700}
.chart-table{display:grid;grid-template-columns:minmax(0,1fr);gap:.5rem 1.25rem;align-items:start}
@media (min-width:44rem){.chart-table:not(.stacked){grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.figure table{font-size:.95rem}
.figure th,.figure td{padding:.35rem .5rem}
.figure tbody th{font-weight:400}
.scroll{overflow-x:auto}
/* A table that scrolls keeps its words whole: broken anywhere, the report's months read a letter a line. */
.scroll :is(th,td){overflow-wrap:normal}
@media (max-width:30rem){.figure table{font-size:.85rem}.figure th,.figure td{padding:.3rem .35rem}}
.chart{display:block;margin:.5rem 0;font-size:14px;overflow:visible}
.chart .label{fill:var(--ink);font-weight:400;padding:0}
.chart .value{fill:var(--ink);font-weight:700}
.chart .track{fill:#ececf1}
.chart .bar{fill:var(--accent)}
.chart .bar.whole{fill:#9ec3e6}
@media print{
.top,.bottom,.skip,.signout,.filters,.no-print,.exit{display:none}
:root,body{background:#fff}
main{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.report+.report{break-before:page}
.figure,.figures,tr{break-inside:avoid}
.chart-table:not(.stacked){grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.chart rect{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
/* Applicant: what will be sent, part by part; closed parts; and a paper copy of the review and status pages. */
.part{border-top:1px solid var(--line);margin-top:1.25rem}
.part-head{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;justify-content:space-between}
.part-head h2{margin:1rem 0 .5rem}
.change{font-weight:700;padding:.5rem 0}
.sent{margin:0 0 1rem}
.sent dt{font-weight:700;margin-top:.75rem}
.sent dd{margin:.15rem 0 0;overflow-wrap:anywhere}
.locked{border-left:6px solid var(--muted);padding:.25rem 1rem;margin:1rem 0;font-weight:700}
.unsaved{margin:1rem 0;padding:.5rem 1rem;border:1px dashed var(--muted);background:#fff}
/* The concept note as sent, folded above the full application. */
details.earlier{margin:1rem 0 1.25rem;padding:.25rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--card)}
details.earlier summary{cursor:pointer;font-weight:700;padding:.5rem 0}
@media print{
button,.button,.change,.back,.print-hint,.unsaved{display:none}
:root,body,main{background:#fff;color:#000}
.lead,.note,.help,.tag{color:#000}
.summary,.locked,.outcome{border-color:#000}
.part-head{break-after:avoid}
.sent dd{break-inside:avoid}
}
/* Staff sign-in: recovery codes, the folded recovery-code field, the sessions list. */
.recovery-codes{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.5rem 1.5rem;padding-left:2rem;margin:.5rem 0 1rem}
.recovery-codes code{font-family:ui-monospace,monospace;font-size:1.15rem;letter-spacing:.04em;white-space:nowrap}
details.recovery{margin:0 0 1.25rem}
details.recovery summary{cursor:pointer;color:var(--accent);text-decoration:underline;padding:.5rem 0}
.sessions{list-style:none;padding:0;margin:.5rem 0 1rem}
.sessions li{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:0 0 .75rem}
.sessions p{margin:0}
/* A staff refusal's "what you can do": each role's links under its sentence, without bullets of their own. */
.offers>li{margin:0 0 .75rem}
.offers ul{list-style:none;padding-left:0;margin:.25rem 0 0}
/* Coordinators: the applications table (sort links, pages) and the decision's confirmation. */
.applications th a{display:block;padding:.35rem 0;min-height:2.75rem}
.applications th[aria-sort]{background:#e3ecf6}
.applications .granted{white-space:nowrap}
.pages{justify-content:space-between}
dl.confirm{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1.25rem;background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
dl.confirm dt{font-weight:700}
dl.confirm dd{margin:0}
@media (max-width:30rem){dl.confirm{grid-template-columns:1fr;gap:.15rem}dl.confirm dd{margin-bottom:.5rem}}
/* Admin: the structured call editor (sections, lists of items, side-by-side numbers); reviewers: what 1, 3 and 5 mean. */
.editor-section{border-top:2px solid var(--line);margin-top:2rem;padding-top:.5rem}
.editor-list{background:transparent}
.editor-item{background:var(--card)}
.editor-item .item-actions{margin:.5rem 0 0;gap:.5rem}
.call-editor .field{border:0;border-radius:0;padding:0;background:transparent;margin:0 0 1rem}
.call-editor fieldset.localized{border:0;padding:0;background:transparent;margin:0 0 1rem}
.call-editor .localized .field{margin:0 0 .5rem;padding-left:.75rem;border-left:3px solid var(--line)}
.call-editor .localized .label{font-weight:400}
.call-editor input[type=datetime-local]{font:inherit;padding:.45rem .6rem;border:2px solid var(--muted);border-radius:.3rem;min-height:2.75rem;background:#fff;color:var(--ink);width:100%;max-width:20rem}
.pair,.triple{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
.call-editor input[type=number]{max-width:14rem}
dl.scale-meanings{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0 0 .75rem;color:var(--muted)}
dl.scale-meanings dt{font-weight:700}
dl.scale-meanings dd{margin:0}
:is(:lang(th),:lang(km),:lang(my),:lang(lo)) :is(th,td,dd){overflow-wrap:break-word}
:is(:lang(th),:lang(km),:lang(my),:lang(lo)) a{text-underline-offset:.3em}
`;
