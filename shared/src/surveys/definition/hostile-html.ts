/**
 * Hostile strings and researcher HTML for tests (issues 6 and 11): the API's hostile-input
 * corpus (test/support/hostile-corpus.ts) sends them as answers, and the sanitizers' shared
 * test (researcher-html-policy.spec.ts) cleans them with both sanitizers and compares.
 */
export const SCRIPT_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<svg onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<iframe src="https://evil.example"></iframe>',
  '</textarea><script>alert(1)</script>',
  '=HYPERLINK("https://evil.example","x")',
  '\u202e<script>',
];

/** Researcher-style HTML that would navigate a respondent elsewhere (issue 11). */
export const NAVIGATION_HTML = [
  '<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">',
  '<base href="https://elsewhere.example/">',
  '<form action="https://elsewhere.example/"><button>Continue</button></form>',
  '<img src="/\\elsewhere.example/pixel.png">',
  '<a href="//elsewhere.example/">more</a>',
  '<link rel="prefetch" href="https://elsewhere.example/">',
];

/**
 * Researcher HTML for the sanitizers: every way out (navigation, frames, media, styles,
 * events, odd schemes and spellings) and what must stay (structure, site links, hotlines,
 * inline images, table spans), each alone and mixed.
 */
export const RESEARCHER_HTML_CORPUS: readonly string[] = [
  ...SCRIPT_STRINGS,
  ...NAVIGATION_HTML,
  '<iframe src="https://elsewhere.example/"></iframe>',
  '<object data="https://elsewhere.example/x"></object>',
  '<embed src="https://elsewhere.example/x">',
  '<video src="https://elsewhere.example/v.mp4"></video>',
  '<audio src="https://elsewhere.example/a.mp3"></audio>',
  '<img src="https://elsewhere.example/pixel.png">',
  '<img src="//elsewhere.example/pixel.png">',
  '<img srcset="https://elsewhere.example/pixel.png 1x" src="/ok.png">',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" width="1" height="1">',
  '<img src="data:text/html;base64,PHNjcmlwdD4=">',
  '<p style="background:url(https://elsewhere.example/pixel.png)">styled</p>',
  '<p class="x" id="y" data-x="1" aria-label="z" onclick="location=\'https://elsewhere.example\'">attributes</p>',
  '<svg><image href="https://elsewhere.example/pixel.png"/></svg>',
  '<a href="https://elsewhere.example/">read more</a>',
  '<a href="/\\elsewhere.example/">read more</a>',
  '<a href="  //elsewhere.example/">read more</a>',
  '<a href="jav&#x09;ascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="tel:+1 800 555 0100">hotline</a>',
  '<a href="tel:alert(1)">not a number</a>',
  '<a href="/f/safety" target="_blank" rel="opener">staying safe</a>',
  '<a href="mailto:someone@elsewhere.example">write</a>',
  '<div src="/x.png" href="/y" start="3" colspan="2">attributes on the wrong tag</div>',
  '<ol start="3" reversed><li lang="es" dir="ltr" title="t">tres</li></ol>',
  '<table><caption>c</caption><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tbody><tr><td rowspan="2">d</td></tr></tbody></table>',
  '<h2>Help</h2><p>Call <a href="tel:+1 800 555 0100">the hotline</a>, see <a href="/f/safety">staying safe</a> or <a href="https://elsewhere.example/">SWOP</a>.</p>',
  '<blockquote><strong>b</strong><em>e</em><code>c</code><pre>p</pre><mark>m</mark><abbr title="a">ab</abbr></blockquote>',
  '<dl><dt>term</dt><dd>definition</dd></dl><hr><br><small>s</small><sub>1</sub><sup>2</sup><u>u</u><s>s</s><b>b</b><i>i</i>',
  '<form><input name="x"><textarea>t</textarea><select><option>o</option></select><button>b</button></form>',
  '<details open ontoggle="alert(1)"><summary>s</summary>d</details>',
];
