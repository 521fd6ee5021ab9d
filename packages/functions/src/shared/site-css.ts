/**
 * The one stylesheet, served from this origin (the CSP allows no other and no inline style). Small on
 * purpose: every applicant page, HTML and CSS together, must stay under 32 KB for slow connections.
 */
export const siteCss = `
:root{--ink:#1b1b1f;--muted:#4a4a55;--line:#c9c9d2;--bg:#fbfbf8;--card:#fff;--accent:#0b5394;--accent-ink:#fff;--bad:#a4121b;--good:#1d6b32;--exit:#7a1111;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Thai","Noto Sans Myanmar",sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0}
main,.top,.bottom{max-width:46rem;margin:0 auto;padding:0 1rem}
main{padding-bottom:2rem}
a{color:var(--accent)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f4b400;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.top{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--ink)}
.languages ul{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.languages a[aria-current=true]{font-weight:700;color:var(--ink);text-decoration:none}
.exit{background:var(--exit);color:#fff;padding:.4rem .8rem;border-radius:.3rem;font-weight:700;text-decoration:none}
.bottom{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.7rem;line-height:1.25;margin:1.5rem 0 .75rem}
h2{font-size:1.3rem;margin:1.75rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted)}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem}
.card h3{margin:.25rem 0 .5rem;font-size:1.2rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:.5rem 0;list-style:none;color:var(--muted);font-size:.95rem}
.tag{display:inline-block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
.button,button{display:inline-block;background:var(--accent);color:var(--accent-ink);border:0;border-radius:.3rem;padding:.6rem 1.1rem;font:inherit;font-weight:700;text-decoration:none;cursor:pointer}
.button.secondary,button.secondary{background:transparent;color:var(--accent);border:2px solid var(--accent)}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin:1.5rem 0}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1.25rem;padding:.75rem 1rem 1rem;background:var(--card)}
legend,.label{font-weight:700;padding:0 .25rem}
.field{margin:0 0 1.25rem;padding:.75rem 1rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--card)}
.field label.label{display:block;padding:0;margin-bottom:.35rem}
.help{display:block;color:var(--muted);font-size:.95rem;margin:.1rem 0 .5rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
.choice input{margin-top:.3rem;width:1.1rem;height:1.1rem}
input[type=text],input[type=number],input[type=email],select,textarea{font:inherit;padding:.45rem .6rem;border:2px solid var(--muted);border-radius:.3rem;max-width:100%;background:#fff;color:var(--ink)}
select{min-width:16rem}
.invalid{border-color:var(--bad)}
.error{color:var(--bad);font-weight:700;display:block;margin:.25rem 0}
.summary{border:3px solid var(--bad);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;background:#fff}
.summary h2{margin-top:0;color:var(--bad)}
.outcome{border-left:6px solid var(--good);padding:.25rem 1rem;margin:1rem 0}
.outcome.no{border-color:var(--bad)}
.note{color:var(--muted)}
.code{font-size:1.4rem;letter-spacing:.05em;font-family:ui-monospace,monospace;background:#fff;border:2px dashed var(--muted);padding:.75rem 1rem;display:inline-block}
.prose{white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:var(--card)}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
.signout{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:flex-end;margin:.75rem 0}
.scale{display:flex;gap:1rem}
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
`;
