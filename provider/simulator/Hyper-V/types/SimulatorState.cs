// Reading and writing the simulator's state file. Writing the whole state on every change would
// cost milliseconds per call with many VMs, so the JSON text of each VM record is remembered (from
// parsing or from the last write) and reused while the record is not marked as changed.
// C# 5 syntax only.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text;

namespace HyperVSimulator
{
    public static class StateJson
    {
        static readonly ConditionalWeakTable<object, string> Fragments = new ConditionalWeakTable<object, string>();

        static object Unwrap(object value)
        {
            PSObject pso = value as PSObject;
            return pso == null ? value : pso.BaseObject;
        }

        static void Remember(object record, string fragment)
        {
            Fragments.Remove(record);
            Fragments.Add(record, fragment);
        }

        /// <summary>Parses the state; the members of the section object keep their JSON text.</summary>
        public static object Parse(string text, string section)
        {
            int i = 0;
            Json.SkipSpace(text, ref i);
            if (i >= text.Length || text[i] != '{') return Json.Parse(text);
            Hashtable state = new Hashtable(StringComparer.OrdinalIgnoreCase);
            i++;
            Json.SkipSpace(text, ref i);
            if (i < text.Length && text[i] == '}') return state;
            while (true)
            {
                Json.SkipSpace(text, ref i);
                string key = Json.ReadString(text, ref i);
                Expect(text, ref i, ':');
                if (string.Equals(key, section, StringComparison.OrdinalIgnoreCase)) state[key] = ReadSection(text, ref i);
                else state[key] = Json.ReadValue(text, ref i);
                Json.SkipSpace(text, ref i);
                if (i < text.Length && text[i] == ',') { i++; continue; }
                if (i < text.Length && text[i] == '}') return state;
                throw new FormatException("Expected ',' or '}' at offset " + i);
            }
        }

        static void Expect(string s, ref int i, char c)
        {
            Json.SkipSpace(s, ref i);
            if (i >= s.Length || s[i] != c) throw new FormatException("Expected '" + c + "' at offset " + i);
            i++;
        }

        static object ReadSection(string s, ref int i)
        {
            Json.SkipSpace(s, ref i);
            if (i >= s.Length || s[i] != '{') return Json.ReadValue(s, ref i);
            Hashtable members = new Hashtable(StringComparer.OrdinalIgnoreCase);
            i++;
            Json.SkipSpace(s, ref i);
            if (i < s.Length && s[i] == '}') { i++; return members; }
            while (true)
            {
                Json.SkipSpace(s, ref i);
                string key = Json.ReadString(s, ref i);
                Expect(s, ref i, ':');
                Json.SkipSpace(s, ref i);
                int start = i;
                object value = Json.ReadValue(s, ref i);
                if (value != null) Remember(value, s.Substring(start, i - start));
                members[key] = value;
                Json.SkipSpace(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == '}') { i++; return members; }
                throw new FormatException("Expected ',' or '}' at offset " + i);
            }
        }

        /// <summary>
        /// Writes the state. Members of the section object that are not in <paramref name="changed"/>
        /// and whose text is known are copied as they are; with <paramref name="verify"/> each copy is
        /// checked against a fresh serialization (a record changed without being marked throws).
        /// </summary>
        public static string Write(IDictionary state, string section, IEnumerable changed, bool verify)
        {
            // Dictionary rather than HashSet: HashSet lives in System.Core, which Windows PowerShell's
            // Add-Type does not reference by default.
            Dictionary<object, bool> changedSet = new Dictionary<object, bool>();
            if (changed != null) foreach (object record in changed) if (record != null) changedSet[Unwrap(record)] = true;
            StringBuilder sb = new StringBuilder(262144);
            sb.Append('{');
            bool first = true;
            IDictionaryEnumerator entries = state.GetEnumerator();
            while (entries.MoveNext())
            {
                if (!first) sb.Append(',');
                first = false;
                string key = Convert.ToString(entries.Key, System.Globalization.CultureInfo.InvariantCulture);
                Json.WriteString(sb, key);
                sb.Append(':');
                IDictionary members = Unwrap(entries.Value) as IDictionary;
                if (members != null && string.Equals(key, section, StringComparison.OrdinalIgnoreCase)) WriteSection(sb, members, changedSet, verify);
                else Json.WriteValue(sb, entries.Value, 1);
            }
            sb.Append('}');
            return sb.ToString();
        }

        static void WriteSection(StringBuilder sb, IDictionary members, Dictionary<object, bool> changed, bool verify)
        {
            sb.Append('{');
            bool first = true;
            IDictionaryEnumerator entries = members.GetEnumerator();
            while (entries.MoveNext())
            {
                if (!first) sb.Append(',');
                first = false;
                Json.WriteString(sb, Convert.ToString(entries.Key, System.Globalization.CultureInfo.InvariantCulture));
                sb.Append(':');
                object record = Unwrap(entries.Value);
                string fragment;
                if (record != null && !changed.ContainsKey(record) && Fragments.TryGetValue(record, out fragment))
                {
                    if (verify) Verify(entries.Key, record, fragment);
                    sb.Append(fragment);
                    continue;
                }
                fragment = Json.Write(record);
                if (record != null) Remember(record, fragment);
                sb.Append(fragment);
            }
            sb.Append('}');
        }

        static void Verify(object key, object record, string fragment)
        {
            string now = Json.Write(record);
            if (now == fragment || now == Json.Write(Json.Parse(fragment))) return;
            throw new InvalidOperationException("State record '" + key + "' changed without being marked as changed.");
        }
    }
}
