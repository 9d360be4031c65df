import SwiftUI

// CEOP Safety Centre signposting for a help or support screen in your app.
// "CEOP Safety Centre" is a link; SwiftUI opens it in the browser.
// Do not put the Click CEOP button inside an app: use this text link instead.
struct CEOPSafetyCentreSignposting: View {
    var body: some View {
        VStack(alignment: .leading, spacing: 12) {
{%- for p in signposting.paragraphs %}
            Text("{% for s in p %}{% if s.href %}[{{ s.text | md | swift }}]({{ s.href | md_url | swift }}){% else %}{{ s.text | md | swift }}{% endif %}{% endfor %}")
{%- endfor %}
        }
    }
}
