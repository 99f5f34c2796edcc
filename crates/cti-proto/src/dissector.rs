//! A Wireshark dissector in Lua, generated from the message table.
//!
//! [`lua`] writes one self-contained script: the protocol `ccx` ("Cisco Unified CCX CTI"),
//! header fields, a value string naming every MessageTypeID, one field per distinct table
//! field (so `ccx.InvokeID == 7` filters across all messages), value strings for every
//! enumeration, one boolean field per mask bit (`ccx.ServicesRequested.CTI_SERVICE_CLIENT_EVENTS`),
//! and per message its fixed part (with the version each field appeared in) and its floating
//! tags (with repeated groups). A small interpreter in the script walks a message with those
//! tables, so the script stays data, not thousands of lines of code.
//!
//! The fixed parts and the floating-field header width depend on the session's protocol
//! version: the script learns it per TCP conversation from the VersionNumber of the
//! OPEN_REQ it sees, and otherwise uses the preference `ccx.version` (default 18). TCP
//! reassembly is Wireshark's own (`dissect_tcp_pdus`), on the ports of the preference
//! `ccx.ports` (default 42027 and 12028).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::layout::{layouts, NO_GROUP};
use crate::spec::{
    FixedRole, FixedType, FloatType, Interp, MaskTable, ValueTable, MAX_VERSION, MIN_VERSION,
};

/// Default TCP ports of the dissector (the guide's 42027 and the 12028 of UCCX 11.6+ logs).
pub const DEFAULT_PORTS: [u16; 2] = [42027, 12028];

/// How the script reads and shows one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    U8,
    U16,
    I16,
    U32,
    I32,
    Bool,
    Time,
    /// An 8-byte value shown in hex (configuration keys, fixed UNSPEC(8)).
    Hex64,
    Str,
    Bytes,
    NamedVar,
    NamedArray,
}

impl Kind {
    fn of_fixed(t: FixedType) -> Kind {
        match t {
            FixedType::U8 => Kind::U8,
            FixedType::U16 => Kind::U16,
            FixedType::I16 => Kind::I16,
            FixedType::U32 => Kind::U32,
            FixedType::I32 => Kind::I32,
            FixedType::Bool => Kind::Bool,
            FixedType::Time => Kind::Time,
            FixedType::Unspec8 => Kind::Hex64,
        }
    }

    fn of_float(t: FloatType) -> Kind {
        match t {
            FloatType::String => Kind::Str,
            FloatType::Unspec => Kind::Bytes,
            FloatType::Key => Kind::Hex64,
            FloatType::U16 => Kind::U16,
            FloatType::U32 => Kind::U32,
            FloatType::I32 => Kind::I32,
            FloatType::Bool => Kind::Bool,
            FloatType::Time => Kind::Time,
            FloatType::NamedVar => Kind::NamedVar,
            FloatType::NamedArray => Kind::NamedArray,
        }
    }

    /// The kind's name in the script's tables.
    fn code(self) -> &'static str {
        match self {
            Kind::U8 => "u8",
            Kind::U16 => "u16",
            Kind::I16 => "i16",
            Kind::U32 => "u32",
            Kind::I32 => "i32",
            Kind::Bool => "bool",
            Kind::Time => "time",
            Kind::Hex64 => "hex64",
            Kind::Str => "str",
            Kind::Bytes => "bytes",
            Kind::NamedVar => "nvar",
            Kind::NamedArray => "narr",
        }
    }

    /// The Wireshark field constructor and its display base.
    fn protofield(self, masked: bool) -> (&'static str, &'static str) {
        let base = if masked { "base.HEX" } else { "base.DEC" };
        match self {
            Kind::U8 => ("uint8", base),
            Kind::U16 => ("uint16", base),
            Kind::I16 => ("int16", "base.DEC"),
            Kind::U32 | Kind::Time => ("uint32", base),
            Kind::I32 => ("int32", "base.DEC"),
            Kind::Bool => ("bool", "base.NONE"),
            Kind::Hex64 => ("uint64", "base.HEX"),
            Kind::Str | Kind::NamedVar | Kind::NamedArray => ("string", ""),
            Kind::Bytes => ("bytes", ""),
        }
    }

    /// Bits of a numeric kind (for mask-bit fields).
    fn bits(self) -> Option<u32> {
        match self {
            Kind::U8 => Some(8),
            Kind::U16 | Kind::I16 => Some(16),
            Kind::U32 | Kind::I32 => Some(32),
            _ => None,
        }
    }
}

/// What makes two table fields the same Wireshark field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Sig {
    name: &'static str,
    kind: Kind,
    values: Option<usize>,
    mask: Option<usize>,
}

/// Names the script defines itself; table fields never take them.
const OWN_ABBRS: &[&str] = &[
    "length",
    "type",
    "message",
    "version",
    "reserved",
    "unknown",
    "tag",
    "field_length",
    "body",
    "nv",
    "bad_length",
];

#[derive(Default)]
struct Registry {
    value_tables: Vec<&'static ValueTable>,
    mask_tables: Vec<&'static MaskTable>,
    fields: Vec<(Sig, String)>,
    by_sig: HashMap<Sig, usize>,
    used_abbrs: HashMap<String, ()>,
}

impl Registry {
    fn value_table(&mut self, t: &'static ValueTable) -> usize {
        match self.value_tables.iter().position(|x| std::ptr::eq(*x, t)) {
            Some(i) => i + 1,
            None => {
                self.value_tables.push(t);
                self.value_tables.len()
            }
        }
    }

    fn mask_table(&mut self, t: &'static MaskTable) -> usize {
        match self.mask_tables.iter().position(|x| std::ptr::eq(*x, t)) {
            Some(i) => i + 1,
            None => {
                self.mask_tables.push(t);
                self.mask_tables.len()
            }
        }
    }

    /// The 1-based index of the Wireshark field for this table field.
    fn field(&mut self, name: &'static str, kind: Kind, interp: Interp) -> usize {
        let (values, mask) = match interp {
            Interp::Enum(t) if kind.bits().is_some() => (Some(self.value_table(t)), None),
            Interp::Mask(t) if kind.bits().is_some() => (None, Some(self.mask_table(t))),
            _ => (None, None),
        };
        let sig = Sig {
            name,
            kind,
            values,
            mask,
        };
        if let Some(&i) = self.by_sig.get(&sig) {
            return i;
        }
        let base = sanitize(name);
        let mut abbr = base.clone();
        let mut n = 2;
        while self.used_abbrs.contains_key(&abbr) || OWN_ABBRS.contains(&abbr.as_str()) {
            abbr = format!("{base}_{n}");
            n += 1;
        }
        self.used_abbrs.insert(abbr.clone(), ());
        self.fields.push((sig, abbr));
        let i = self.fields.len();
        self.by_sig.insert(sig, i);
        i
    }
}

/// A field name usable in a Wireshark field abbreviation.
fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        "field".into()
    } else {
        s
    }
}

/// A Lua string literal.
fn lua_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_ascii_graphic() || c == ' ' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\{b:03}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// The Wireshark Lua dissector for the whole message table.
///
/// ```
/// let script = cti_proto::dissector::lua();
/// assert!(script.contains(r#"Proto("ccx", "Cisco Unified CCX CTI")"#));
/// assert!(script.contains(r#"[3] = "OPEN_REQ""#));
/// ```
pub fn lua() -> String {
    let mut reg = Registry::default();
    // Message definitions first: they register the fields and tables they use.
    let mut msgs = String::new();
    for l in layouts() {
        let spec = l.spec;
        let _ = write!(
            msgs,
            "M[{}] = {{ n = {}, fx = {{",
            spec.id,
            lua_str(spec.name)
        );
        for f in spec.fixed {
            let kind = Kind::of_fixed(f.ty);
            let fid = match f.role {
                FixedRole::Reserved(_) | FixedRole::ReservedAny => "false".to_string(),
                _ => reg.field(f.name, kind, f.interp).to_string(),
            };
            let _ = write!(msgs, " {{{fid}, {}, {}}},", lua_str(kind.code()), f.since);
        }
        msgs.push_str(" }, fl = {");
        for s in &l.slots {
            let f = s.field;
            let kind = Kind::of_float(f.ty);
            let fid = if f.is_reserved() {
                "false".to_string()
            } else {
                reg.field(f.name, kind, f.interp).to_string()
            };
            let group = if s.group == NO_GROUP {
                0
            } else {
                s.group as usize + 1
            };
            let _ = write!(
                msgs,
                " [{}] = {{{fid}, {}, {group}, {}}},",
                f.tag,
                lua_str(kind.code()),
                s.is_start
            );
        }
        msgs.push_str(" }, gr = {");
        for g in &l.groups {
            let parent = if g.parent == NO_GROUP {
                0
            } else {
                g.parent as usize + 1
            };
            let _ = write!(
                msgs,
                " {{{}, {parent}, {}}},",
                lua_str(g.group.name),
                g.depth
            );
        }
        msgs.push_str(" } }\n");
    }

    let mut out = String::with_capacity(256 * 1024);
    out.push_str(PRELUDE);

    out.push_str("\n-- MessageTypeID -> name.\nlocal vs_type = {\n");
    for l in layouts() {
        let _ = writeln!(out, "  [{}] = {},", l.spec.id, lua_str(l.spec.name));
    }
    out.push_str("}\n");

    out.push_str("\n-- Enumerations.\nlocal VS = {}\n");
    for (i, t) in reg.value_tables.iter().enumerate() {
        let _ = writeln!(out, "VS[{}] = {{ -- {}", i + 1, t.name);
        for v in t.values {
            let _ = writeln!(out, "  [{}] = {},", v.value, lua_str(v.name));
        }
        out.push_str("}\n");
    }

    out.push_str(HEADER_FIELDS);

    out.push_str("\n-- One field per distinct table field.\nlocal F = {}\n-- Mask bits of mask fields: their boolean fields, and {value, name} for the summary.\nlocal MB = {}\nlocal MASKBITS = {}\n");
    let mut bit_abbrs: HashMap<String, ()> = HashMap::new();
    for (i, (sig, abbr)) in reg.fields.iter().enumerate() {
        let idx = i + 1;
        let (ctor, base) = sig.kind.protofield(sig.mask.is_some());
        let mut args = format!("{}, {}", lua_str(&format!("ccx.{abbr}")), lua_str(sig.name));
        if !base.is_empty() {
            args.push_str(", ");
            args.push_str(base);
            if let Some(v) = sig.values {
                let _ = write!(args, ", VS[{v}]");
            }
        }
        let _ = writeln!(out, "F[{idx}] = ProtoField.{ctor}({args})");
        if let (Some(m), Some(bits)) = (sig.mask, sig.kind.bits()) {
            let table = reg.mask_tables[m - 1];
            let mut entries = Vec::new();
            let mut summary = Vec::new();
            for b in table.bits {
                if b.value == 0 || (bits < 32 && b.value >> bits != 0) {
                    continue;
                }
                let mut babbr = format!("ccx.{abbr}.{}", sanitize(b.name));
                while bit_abbrs.contains_key(&babbr) {
                    babbr.push('_');
                }
                bit_abbrs.insert(babbr.clone(), ());
                entries.push(format!(
                    "ProtoField.bool({}, {}, {bits}, nil, 0x{:X})",
                    lua_str(&babbr),
                    lua_str(b.name),
                    b.value
                ));
                summary.push(format!("{{0x{:X}, {}}}", b.value, lua_str(b.name)));
            }
            let _ = writeln!(out, "MB[{idx}] = {{ {} }}", entries.join(", "));
            let _ = writeln!(out, "MASKBITS[{idx}] = {{ {} }}", summary.join(", "));
        }
    }
    out.push_str(REGISTER_FIELDS);

    out.push_str("\n-- Messages: fixed part {field, kind, since}, floating tags {field, kind, group, starts group}, groups {name, parent, depth}.\nlocal M = {}\n");
    out.push_str(&msgs);

    out.push_str(
        &INTERPRETER
            .replace("@MIN@", &MIN_VERSION.to_string())
            .replace("@MAX@", &MAX_VERSION.to_string()),
    );
    out
}

const PRELUDE: &str = r#"-- Wireshark dissector for the Cisco Unified CCX CTI protocol (versions 10 to 18).
-- Generated by `ccx dissector` from the cti-proto message table: do not edit by hand,
-- regenerate instead.
--
-- Load it with `wireshark -X lua_script:ccx.lua` (or `tshark -X lua_script:ccx.lua`), or
-- copy it into Wireshark's personal Lua plugins folder (Help > About Wireshark > Folders).
-- Preferences (Edit > Preferences > Protocols > CCX, or `-o ccx.ports:42027`):
--   ccx.ports    TCP ports of CTI servers (default 42027,12028)
--   ccx.version  protocol version used until an OPEN_REQ is seen in a conversation (default 18)
--   ccx.len2     two-byte floating-field lengths at version 18 (default off: one byte)

local ccx = Proto("ccx", "Cisco Unified CCX CTI")

ccx.prefs.ports = Pref.range("Server TCP ports", "42027,12028", "TCP ports of CTI servers", 65535)
ccx.prefs.version = Pref.uint("Protocol version", 18,
  "Protocol version (10-18) of a conversation until its OPEN_REQ is seen")
ccx.prefs.len2 = Pref.bool("Two-byte field lengths at version 18", false,
  "Read FieldLength of floating fields as two bytes at protocol version 18")
"#;

const HEADER_FIELDS: &str = r#"
-- Header and structural fields.
local H = {
  length = ProtoField.uint32("ccx.length", "BodyLength", base.DEC),
  type = ProtoField.uint32("ccx.type", "MessageTypeID", base.DEC, vs_type),
  message = ProtoField.string("ccx.message", "Message"),
  version = ProtoField.uint8("ccx.version", "Protocol version used", base.DEC),
  reserved = ProtoField.bytes("ccx.reserved", "reserved"),
  tag = ProtoField.uint16("ccx.tag", "FieldDataID", base.DEC),
  field_length = ProtoField.uint16("ccx.field_length", "FieldLength", base.DEC),
  unknown = ProtoField.bytes("ccx.unknown", "Unknown floating field"),
  bad_length = ProtoField.bytes("ccx.bad_length", "Field of unexpected length"),
  body = ProtoField.bytes("ccx.body", "Body of an unknown message type"),
  nv_name = ProtoField.string("ccx.nv.name", "Variable name"),
  nv_value = ProtoField.string("ccx.nv.value", "Variable value"),
  nv_index = ProtoField.uint8("ccx.nv.index", "Array index", base.DEC),
}

local E = {
  malformed = ProtoExpert.new("ccx.malformed", "Malformed CTI message",
    expert.group.MALFORMED, expert.severity.ERROR),
  unknown = ProtoExpert.new("ccx.unknown_tag", "Floating field this message does not define",
    expert.group.UNDECODED, expert.severity.WARN),
}
"#;

const REGISTER_FIELDS: &str = r#"
do
  local all = {}
  for _, f in pairs(H) do all[#all + 1] = f end
  for i = 1, #F do all[#all + 1] = F[i] end
  for _, bits in pairs(MB) do
    for _, b in ipairs(bits) do all[#all + 1] = b end
  end
  ccx.fields = all
  ccx.experts = { E.malformed, E.unknown }
end
"#;

const INTERPRETER: &str = r#"
local SIZE = { u8 = 1, u16 = 2, i16 = 2, u32 = 4, i32 = 4, bool = 2, time = 4, hex64 = 8 }
local EXACT = { u16 = 2, u32 = 4, i32 = 4, time = 4, hex64 = 8 }

-- Protocol version per conversation, learnt from OPEN_REQ: conversation -> {{frame, version}...}
local versions = {}

function ccx.init()
  versions = {}
end

local function conversation(pinfo)
  local a = tostring(pinfo.src) .. ":" .. tostring(pinfo.src_port)
  local b = tostring(pinfo.dst) .. ":" .. tostring(pinfo.dst_port)
  if a < b then return a .. " " .. b end
  return b .. " " .. a
end

local function version_of(pinfo)
  local v = ccx.prefs.version
  local list = versions[conversation(pinfo)]
  if list then
    for _, e in ipairs(list) do
      if e[1] <= pinfo.number then v = e[2] end
    end
  end
  if v < @MIN@ then v = @MIN@ end
  if v > @MAX@ then v = @MAX@ end
  return v
end

local function learn_version(pinfo, v)
  if v < @MIN@ then v = @MIN@ end
  if v > @MAX@ then v = @MAX@ end
  local key = conversation(pinfo)
  local list = versions[key] or {}
  for _, e in ipairs(list) do
    if e[1] == pinfo.number then e[2] = v; return end
  end
  list[#list + 1] = { pinfo.number, v }
  table.sort(list, function(x, y) return x[1] < y[1] end)
  versions[key] = list
end

-- The bytes of a range up to its first NUL, as text.
local function cstring(raw)
  local nul = string.find(raw, "\0", 1, true)
  if nul then return string.sub(raw, 1, nul - 1) end
  return raw
end

local function add_mask_bits(item, fid, range)
  local bits = MB[fid]
  if not bits then return end
  local v = range:uint()
  local names = {}
  for _, b in ipairs(bits) do
    item:add(b, range)
  end
  for _, b in ipairs(MASKBITS[fid] or {}) do
    if b[1] ~= 0 and bit32.band(v, b[1]) == b[1] then names[#names + 1] = b[2] end
  end
  if #names > 0 then item:append_text(" (" .. table.concat(names, " | ") .. ")") end
end

-- Add one value of kind `k` (field `fid`, or false for reserved) over `range`.
local function add_value(tree, fid, k, range)
  if not fid then
    return tree:add(H.reserved, range)
  end
  local f = F[fid]
  if k == "str" then
    return tree:add(f, range, cstring(range:raw()))
  elseif k == "nvar" or k == "narr" then
    local raw = range:raw()
    local start = 0
    local index = nil
    if k == "narr" then
      if #raw < 1 then return tree:add(H.bad_length, range) end
      index = range(0, 1):uint()
      start = 1
    end
    local rest = string.sub(raw, start + 1)
    local nul = string.find(rest, "\0", 1, true)
    if not nul then
      local item = tree:add(H.bad_length, range)
      item:add_proto_expert_info(E.malformed, "named variable without NUL-terminated name")
      return item
    end
    local name = string.sub(rest, 1, nul - 1)
    local value = cstring(string.sub(rest, nul + 1))
    local shown = name .. "=" .. value
    if index then shown = name .. "[" .. index .. "]=" .. value end
    local item = tree:add(f, range, shown)
    if index then item:add(H.nv_index, range(0, 1)) end
    item:add(H.nv_name, range(start, nul), name)
    local vlen = range:len() - start - nul
    if vlen > 0 then
      item:add(H.nv_value, range(start + nul, vlen), value)
    else
      item:add(H.nv_value, value)
    end
    return item
  end
  local exact = EXACT[k]
  if exact and range:len() ~= exact then
    local item = tree:add(H.bad_length, range)
    item:add_proto_expert_info(E.malformed, string.format("%d bytes, must be %d", range:len(), exact))
    return item
  end
  if k == "bool" and (range:len() < 1 or range:len() > 8) then
    local item = tree:add(H.bad_length, range)
    item:add_proto_expert_info(E.malformed, string.format("BOOL of %d bytes", range:len()))
    return item
  end
  local item = tree:add(f, range)
  if k == "time" then
    local v = range:uint()
    if v ~= 0 then item:append_text(os.date("!  (%Y-%m-%d %H:%M:%S UTC)", v)) end
  else
    add_mask_bits(item, fid, range)
  end
  return item
end

-- One whole message (header included).
local function dissect_pdu(tvb, pinfo, tree)
  local body_len = tvb(0, 4):uint()
  local id = tvb(4, 4):uint()
  local m = M[id]
  local name = m and m.n or ("UNKNOWN(" .. id .. ")")
  local version = version_of(pinfo)
  if id == 3 and body_len >= 8 and tvb:len() >= 16 then
    version = tvb(12, 4):uint()
    if version < @MIN@ then version = @MIN@ end
    if version > @MAX@ then version = @MAX@ end
    learn_version(pinfo, version)
  end
  local total = 8 + body_len
  if total > tvb:len() then total = tvb:len() end

  local t = tree:add(ccx, tvb(0, total), "Cisco Unified CCX CTI, " .. name)
  t:add(H.length, tvb(0, 4))
  t:add(H.type, tvb(4, 4))
  t:add(H.message, tvb(4, 4), name)
  t:add(H.version, version):set_generated()

  if pinfo.private.ccx_pdus == nil or pinfo.private.ccx_pdus == "" then
    pinfo.cols.info:set(name)
    pinfo.private.ccx_pdus = "1"
  else
    pinfo.cols.info:append(", " .. name)
  end

  if not m then
    if body_len > 0 then t:add(H.body, tvb(8, total - 8)) end
    return total
  end

  local off = 8
  for _, fx in ipairs(m.fx) do
    if version >= fx[3] then
      local size = SIZE[fx[2]]
      if off + size > total then
        t:add_proto_expert_info(E.malformed, "body ends inside the fixed part")
        return total
      end
      add_value(t, fx[1], fx[2], tvb(off, size))
      off = off + size
    end
  end

  local tw = 1
  local lw = 1
  if version >= 18 then
    tw = 2
    if ccx.prefs.len2 then lw = 2 end
  end
  local counts = {}
  local open = { nil, nil }      -- open group instance items: [1] outer, [2] nested
  local open_g = { 0, 0 }        -- their group indexes
  local open_at = { 0, 0 }       -- their start offsets

  local function open_instance(depth, g)
    local parent = t
    if depth == 2 then parent = open[1] or t end
    counts[g] = (counts[g] or 0) + 1
    for gi, gd in ipairs(m.gr) do
      if gd[2] == g then counts[gi] = 0 end
    end
    open[depth] = parent:add(ccx, tvb(off, 1), m.gr[g][1] .. " " .. counts[g])
    open_g[depth] = g
    open_at[depth] = off
    if depth == 1 then open[2] = nil; open_g[2] = 0 end
  end

  while off < total do
    if off + tw + lw > total then
      t:add_proto_expert_info(E.malformed, "body ends inside a floating field header")
      break
    end
    local tag
    if tw == 2 then tag = tvb(off, 2):uint() else tag = tvb(off, 1):uint() end
    local len
    if lw == 2 then len = tvb(off + tw, 2):uint() else len = tvb(off + tw, 1):uint() end
    local doff = off + tw + lw
    if doff + len > total then
      t:add_proto_expert_info(E.malformed,
        string.format("floating field %d of %d bytes runs past the body", tag, len))
      break
    end
    local d = m.fl[tag]
    local where = t
    if d then
      local g = d[3]
      if g == 0 then
        open[1] = nil; open[2] = nil; open_g[1] = 0; open_g[2] = 0
      else
        local gd = m.gr[g]
        if gd[3] == 0 then
          if d[4] or open_g[1] ~= g then open_instance(1, g) end
          open[2] = nil; open_g[2] = 0
          where = open[1]
        else
          if open_g[1] ~= gd[2] then open_instance(1, gd[2]) end
          if d[4] or open_g[2] ~= g then open_instance(2, g) end
          where = open[2]
        end
      end
    else
      where = open[2] or open[1] or t
    end
    local item
    if len == 0 then
      -- No data bytes: show the field over its header.
      local hdr = tvb(off, tw + lw)
      if d and d[1] and d[2] == "str" then
        item = where:add(F[d[1]], hdr, "")
      elseif d and d[1] and d[2] == "bytes" then
        item = where:add(F[d[1]], hdr, ByteArray.new(""))
      elseif d and not d[1] then
        item = where:add(H.reserved, hdr, ByteArray.new(""))
      elseif d then
        item = where:add(H.bad_length, hdr, ByteArray.new(""))
        item:add_proto_expert_info(E.malformed, "empty numeric field")
      else
        item = where:add(H.unknown, hdr, ByteArray.new(""))
        item:add_proto_expert_info(E.unknown, "tag " .. tag .. " is not defined for " .. name)
      end
      item:append_text(" [tag " .. tag .. "]")
    elseif d then
      item = add_value(where, d[1], d[2], tvb(doff, len))
      item:append_text(" [tag " .. tag .. "]")
    else
      item = where:add(H.unknown, tvb(doff, len))
      item:append_text(" [tag " .. tag .. "]")
      item:add(H.tag, tvb(off, tw))
      item:add_proto_expert_info(E.unknown, "tag " .. tag .. " is not defined for " .. name)
    end
    off = doff + len
    for depth = 1, 2 do
      if open[depth] then open[depth]:set_len(off - open_at[depth]) end
    end
  end
  return total
end

local function pdu_length(tvb, pinfo, offset)
  return tvb(offset, 4):uint() + 8
end

function ccx.dissector(tvb, pinfo, tree)
  pinfo.cols.protocol = "CCX"
  pinfo.private.ccx_pdus = ""
  dissect_tcp_pdus(tvb, tree, 8, pdu_length, dissect_pdu, true)
  return tvb:len()
end

local tcp_port = DissectorTable.get("tcp.port")
local registered_ports = nil

local function register_ports()
  if registered_ports then tcp_port:remove(registered_ports, ccx) end
  registered_ports = tostring(ccx.prefs.ports)
  tcp_port:add(registered_ports, ccx)
end

function ccx.prefs_changed()
  register_ports()
end

register_ports()
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_and_value_table_is_in_the_script() {
        let s = lua();
        for l in layouts() {
            assert!(
                s.contains(&format!("  [{}] = \"{}\",\n", l.spec.id, l.spec.name)),
                "{}",
                l.spec.name
            );
            assert!(s.contains(&format!("M[{}] = {{ n = \"{}\"", l.spec.id, l.spec.name)));
        }
        assert!(s.contains("VS[1] = {"));
        assert!(s.contains("= \"E_CTI_INVALID_FIELD\","));
        assert!(s.contains("ProtoField.uint32(\"ccx.InvokeID\", \"InvokeID\", base.DEC)"));
        assert!(s.contains("\"ccx.ServicesRequested.CTI_SERVICE_CLIENT_EVENTS\""));
        assert!(s.contains("dissect_tcp_pdus(tvb, tree, 8, pdu_length, dissect_pdu, true)"));
        assert!(s.contains("Pref.range(\"Server TCP ports\", \"42027,12028\""));
    }

    #[test]
    fn field_abbreviations_are_unique_and_valid() {
        let s = lua();
        let mut seen = std::collections::HashSet::new();
        for line in s.lines() {
            for part in line.split("ProtoField.").skip(1) {
                let abbr = part.split('"').nth(1).unwrap();
                assert!(abbr.starts_with("ccx."), "{abbr}");
                assert!(
                    abbr.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
                    "{abbr}"
                );
                assert!(seen.insert(abbr.to_string()), "duplicate {abbr}");
            }
        }
        assert!(seen.len() > 100, "{}", seen.len());
    }

    #[test]
    fn same_name_different_meaning_gets_its_own_field() {
        let mut r = Registry::default();
        let a = r.field("Status", Kind::U32, Interp::Plain);
        let b = r.field("Status", Kind::U32, Interp::Plain);
        let c = r.field("Status", Kind::U16, Interp::Plain);
        let d = r.field("type", Kind::U16, Interp::Plain);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(r.fields[c - 1].1, "Status_2");
        assert_eq!(r.fields[d - 1].1, "type_2");
    }

    #[test]
    fn lua_strings_are_escaped() {
        assert_eq!(lua_str("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(lua_str("é"), "\"\\195\\169\"");
    }
}
