// CEOP Safety Centre signposting for a help or support screen in your app.
// "CEOP Safety Centre" is a link that opens in the browser.
// Do not put the Click CEOP button inside an app: use this text link instead.
import React from 'react';
import { Linking, StyleSheet, Text, View } from 'react-native';

export default function CEOPSafetyCentreSignposting() {
  return (
    <View>
{%- for p in signposting.paragraphs %}
      <Text style={styles.body}>
{%- for s in p %}
{%- if s.href %}
        <Text accessibilityRole="link" style={styles.link} onPress={() => Linking.openURL({{ s.href | js }})}>
          { {{ s.text | js }} }
        </Text>
{%- else %}
        { {{ s.text | js }} }
{%- endif %}
{%- endfor %}
      </Text>
{%- endfor %}
    </View>
  );
}

const styles = StyleSheet.create({
  body: { fontSize: 16, lineHeight: 24, marginBottom: 12 },
  link: { textDecorationLine: 'underline' },
});
