// Fast JSON reading and writing for the simulator's state file: the same code on Windows
// PowerShell 5.1 and PowerShell 7 (ConvertTo-Json is too slow for a state of 100 VMs per call).
// Objects become case-insensitive Hashtables, arrays become ArrayLists, integers Int64.
// C# 5 syntax only.
using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;

namespace HyperVSimulator
{
    public static class Json
    {
        public static object Parse(string text)
        {
            int i = 0;
            object value = ReadValue(text, ref i);
            SkipSpace(text, ref i);
            if (i != text.Length) throw new FormatException("Unexpected data after the JSON value at offset " + i);
            return value;
        }

        public static string Write(object value)
        {
            StringBuilder sb = new StringBuilder(1024);
            WriteValue(sb, value, 0);
            return sb.ToString();
        }

        internal static void SkipSpace(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        }

        internal static object ReadValue(string s, ref int i)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length) throw new FormatException("Unexpected end of JSON");
            char c = s[i];
            if (c == '{') return ReadObject(s, ref i);
            if (c == '[') return ReadArray(s, ref i);
            if (c == '"') return ReadString(s, ref i);
            if (Match(s, ref i, "true")) return true;
            if (Match(s, ref i, "false")) return false;
            if (Match(s, ref i, "null")) return null;
            return ReadNumber(s, ref i);
        }

        static bool Match(string s, ref int i, string word)
        {
            if (string.CompareOrdinal(s, i, word, 0, word.Length) != 0) return false;
            i += word.Length;
            return true;
        }

        static Hashtable ReadObject(string s, ref int i)
        {
            Hashtable h = new Hashtable(StringComparer.OrdinalIgnoreCase);
            i++;
            SkipSpace(s, ref i);
            if (i < s.Length && s[i] == '}') { i++; return h; }
            while (true)
            {
                SkipSpace(s, ref i);
                string key = ReadString(s, ref i);
                SkipSpace(s, ref i);
                if (i >= s.Length || s[i] != ':') throw new FormatException("Expected ':' at offset " + i);
                i++;
                h[key] = ReadValue(s, ref i);
                SkipSpace(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == '}') { i++; return h; }
                throw new FormatException("Expected ',' or '}' at offset " + i);
            }
        }

        static ArrayList ReadArray(string s, ref int i)
        {
            ArrayList list = new ArrayList();
            i++;
            SkipSpace(s, ref i);
            if (i < s.Length && s[i] == ']') { i++; return list; }
            while (true)
            {
                list.Add(ReadValue(s, ref i));
                SkipSpace(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == ']') { i++; return list; }
                throw new FormatException("Expected ',' or ']' at offset " + i);
            }
        }

        internal static string ReadString(string s, ref int i)
        {
            if (i >= s.Length || s[i] != '"') throw new FormatException("Expected a string at offset " + i);
            i++;
            StringBuilder sb = null;
            int start = i;
            while (i < s.Length)
            {
                char c = s[i];
                if (c == '"')
                {
                    string result = sb == null ? s.Substring(start, i - start) : sb.Append(s, start, i - start).ToString();
                    i++;
                    return result;
                }
                if (c == '\\')
                {
                    if (sb == null) sb = new StringBuilder();
                    sb.Append(s, start, i - start);
                    i++;
                    char e = s[i];
                    switch (e)
                    {
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'u':
                            sb.Append((char)int.Parse(s.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            i += 4;
                            break;
                        default: sb.Append(e); break;
                    }
                    i++;
                    start = i;
                    continue;
                }
                i++;
            }
            throw new FormatException("Unterminated string");
        }

        static object ReadNumber(string s, ref int i)
        {
            int start = i;
            bool isFloat = false;
            while (i < s.Length)
            {
                char c = s[i];
                if ((c >= '0' && c <= '9') || c == '-' || c == '+') { i++; continue; }
                if (c == '.' || c == 'e' || c == 'E') { isFloat = true; i++; continue; }
                break;
            }
            if (i == start) throw new FormatException("Unexpected character at offset " + i);
            string token = s.Substring(start, i - start);
            if (!isFloat)
            {
                long l;
                if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l)) return l;
            }
            return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        internal static void WriteValue(StringBuilder sb, object value, int depth)
        {
            if (depth > 64) throw new InvalidOperationException("JSON nesting too deep");
            PSObject pso = value as PSObject;
            if (pso != null) value = pso.BaseObject;
            if (value == null) { sb.Append("null"); return; }
            switch (Type.GetTypeCode(value.GetType()))
            {
                case TypeCode.String: WriteString(sb, (string)value); return;
                case TypeCode.Boolean: sb.Append((bool)value ? "true" : "false"); return;
                case TypeCode.Int64: sb.Append((long)value); return;
                case TypeCode.Int32:
                    if (value is Enum) { WriteString(sb, value.ToString()); return; }
                    sb.Append((int)value);
                    return;
                case TypeCode.Double: sb.Append(((double)value).ToString("R", CultureInfo.InvariantCulture)); return;
                case TypeCode.Single: sb.Append(((float)value).ToString("R", CultureInfo.InvariantCulture)); return;
                case TypeCode.DateTime:
                    WriteString(sb, ((DateTime)value).ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));
                    return;
                case TypeCode.Int16:
                case TypeCode.UInt16:
                case TypeCode.UInt32:
                case TypeCode.UInt64:
                case TypeCode.Byte:
                case TypeCode.SByte:
                case TypeCode.Decimal:
                    if (value is Enum) { WriteString(sb, value.ToString()); return; }
                    sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
            if (value is Guid) { WriteString(sb, value.ToString()); return; }
            IDictionary dict = value as IDictionary;
            if (dict != null)
            {
                sb.Append('{');
                bool first = true;
                IDictionaryEnumerator entries = dict.GetEnumerator();
                while (entries.MoveNext())
                {
                    if (!first) sb.Append(',');
                    first = false;
                    string key = entries.Key as string;
                    WriteString(sb, key ?? Convert.ToString(entries.Key, CultureInfo.InvariantCulture));
                    sb.Append(':');
                    WriteValue(sb, entries.Value, depth + 1);
                }
                sb.Append('}');
                return;
            }
            IEnumerable list = value as IEnumerable;
            if (list != null)
            {
                sb.Append('[');
                bool first = true;
                foreach (object item in list)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteValue(sb, item, depth + 1);
                }
                sb.Append(']');
                return;
            }
            WriteString(sb, Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        internal static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            bool plain = true;
            foreach (char c in s)
            {
                if (c < ' ' || c > '~' || c == '"' || c == '\\') { plain = false; break; }
            }
            if (plain) { sb.Append(s).Append('"'); return; }
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ' || c > '~') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
    }
}
