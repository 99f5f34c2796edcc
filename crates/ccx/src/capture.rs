//! Reading CTI frames out of `.pcap` / `.pcapng` captures: packets → TCP segments → one
//! reassembled byte stream per connection and direction → whole frames.
//!
//! No libpcap: pcap-file reads the file (pcap or pcapng, told apart by the magic number) and
//! etherparse slices the packets (Ethernet, Linux cooked v1/v2, raw IP and BSD loopback link
//! types; IPv4 and IPv6). [`Reassembler`] is a small, bounded TCP reassembler: it delivers
//! bytes in sequence order, drops retransmitted and overlapping bytes it already has, holds a
//! bounded amount of out-of-order data, and ignores segments far outside the window.
//!
//! This module knows frames only by their 8-byte header; what is in them is the caller's
//! business (see `cmd::decode`).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, Read};
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use etherparse::{EtherType, NetSlice, SlicedPacket, TransportSlice};
use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;
use pcap_file::pcapng::{Block, PcapNgReader};
use pcap_file::DataLink;

use cti_proto::wire::{self, Split};

/// The file format of a capture, from its first four bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Classic libpcap (microsecond or nanosecond, either byte order).
    Pcap,
    /// pcapng.
    PcapNg,
}

/// Tell pcap from pcapng by the magic number; `None` for anything else.
pub fn sniff(first4: &[u8]) -> Option<Format> {
    match first4 {
        [0x0A, 0x0D, 0x0D, 0x0A] => Some(Format::PcapNg),
        [0xA1, 0xB2, 0xC3, 0xD4]
        | [0xD4, 0xC3, 0xB2, 0xA1]
        | [0xA1, 0xB2, 0x3C, 0x4D]
        | [0x4D, 0x3C, 0xB2, 0xA1] => Some(Format::Pcap),
        _ => None,
    }
}

/// The format of the file at `path`, or `None` when it is not a capture.
pub fn sniff_file(path: &Path) -> std::io::Result<Option<Format>> {
    let mut f = File::open(path)?;
    let mut magic = [0u8; 4];
    let mut n = 0;
    while n < 4 {
        match f.read(&mut magic[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(sniff(&magic[..n]))
}

/// What to look for in a capture.
#[derive(Clone, Debug)]
pub struct Config {
    /// TCP ports of CTI servers: a segment to one of them is client→server, from one of them
    /// server→client.
    pub server_ports: Vec<u16>,
    /// Largest body accepted; a larger BodyLength means the stream cannot be followed.
    pub max_body: u32,
    /// Most out-of-order bytes held per direction while waiting for a missing segment.
    pub max_pending: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            server_ports: vec![42027, 12028],
            max_body: wire::DEFAULT_MAX_BODY,
            max_pending: 4 * 1024 * 1024,
        }
    }
}

/// Which way a stream flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    /// From the client to the CTI server.
    ClientToServer,
    /// From the CTI server to the client.
    ServerToClient,
}

impl Dir {
    /// `client→server` or `server→client`.
    pub fn arrow(self) -> &'static str {
        match self {
            Dir::ClientToServer => "client→server",
            Dir::ServerToClient => "server→client",
        }
    }
    /// `client_to_server` or `server_to_client` (the JSON form).
    pub fn key(self) -> &'static str {
        match self {
            Dir::ClientToServer => "client_to_server",
            Dir::ServerToClient => "server_to_client",
        }
    }
}

/// Where a frame or problem was seen.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Capture time of the packet that completed the frame (since 1970-01-01 UTC).
    pub time: Duration,
    /// Connection number, counted from 1 in order of first appearance.
    pub conn: u64,
    /// Direction.
    pub dir: Dir,
    /// Sender.
    pub src: SocketAddr,
    /// Receiver.
    pub dst: SocketAddr,
    /// Offset of the frame (or problem) in this direction's byte stream.
    pub stream_offset: u64,
}

/// What reading a capture yields, in capture order.
#[derive(Debug)]
pub enum Event<'a> {
    /// One whole frame, header included.
    Frame { place: Place, frame: &'a [u8] },
    /// Something that stops or spoils a stream.
    Problem { place: Place, text: String },
}

/// Counts for the summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Packets read.
    pub packets: u64,
    /// Packets that were not TCP on a server port (or could not be sliced).
    pub skipped: u64,
    /// TCP connections to a server port.
    pub connections: u64,
}

/// Outcome of offering a segment to a [`Reassembler`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// The bytes (or some of them) were new and in order.
    InOrder,
    /// Held until the gap before them is filled.
    Held,
    /// Nothing new: a retransmission of bytes already delivered.
    Duplicate,
    /// Far outside the window: ignored.
    OutOfWindow,
    /// Holding them would exceed the limit: the stream has a gap it cannot bridge.
    Overflow,
}

/// Reassembles one direction of a TCP connection into its byte stream.
///
/// Sequence numbers are turned into 64-bit stream offsets relative to the next expected byte,
/// so wrap-around of the 32-bit space needs no special case. Delivered bytes accumulate in
/// [`Reassembler::ready`] until the caller consumes them.
#[derive(Debug)]
pub struct Reassembler {
    /// Sequence number of stream offset 0 (the byte after the SYN, or the first byte seen).
    isn: Option<u32>,
    /// Stream offset of the next byte expected.
    next: u64,
    /// In-order bytes not yet consumed; `ready[0]` is at stream offset `next - ready.len()`.
    ready: Vec<u8>,
    /// Out-of-order segments by stream offset.
    pending: BTreeMap<u64, Vec<u8>>,
    pending_bytes: usize,
    max_pending: usize,
    /// The window: segments further than this from `next` are ignored.
    window: u64,
}

impl Reassembler {
    /// A reassembler holding at most `max_pending` out-of-order bytes.
    pub fn new(max_pending: usize) -> Self {
        Reassembler {
            isn: None,
            next: 0,
            ready: Vec::new(),
            pending: BTreeMap::new(),
            pending_bytes: 0,
            max_pending,
            window: (max_pending as u64).max(1 << 20) * 4,
        }
    }

    /// Bytes delivered in order and not yet consumed.
    pub fn ready(&self) -> &[u8] {
        &self.ready
    }

    /// Stream offset of `ready()[0]`.
    pub fn ready_offset(&self) -> u64 {
        self.next - self.ready.len() as u64
    }

    /// Drop the first `n` ready bytes (a frame the caller has handled).
    pub fn consume(&mut self, n: usize) {
        self.ready.drain(..n.min(self.ready.len()));
    }

    /// Out-of-order bytes still waiting for a gap to be filled.
    pub fn pending_bytes(&self) -> usize {
        self.pending_bytes
    }

    /// A SYN with sequence number `seq`: the stream starts at `seq + 1`.
    pub fn syn(&mut self, seq: u32) {
        if self.isn.is_none() {
            self.isn = Some(seq.wrapping_add(1));
        }
    }

    /// Offer a segment's payload.
    pub fn push(&mut self, seq: u32, payload: &[u8]) -> Accept {
        if payload.is_empty() {
            return Accept::Duplicate;
        }
        let isn = *self.isn.get_or_insert(seq);
        // Sequence number of the next expected byte, and how far this segment is from it.
        let next_seq = isn.wrapping_add(self.next as u32);
        let delta = seq.wrapping_sub(next_seq) as i32 as i64;
        if delta.unsigned_abs() > self.window {
            return Accept::OutOfWindow;
        }
        let start = self.next as i64 + delta;
        let end = start + payload.len() as i64;
        if end <= self.next as i64 {
            return Accept::Duplicate;
        }
        if start < 0 {
            // Claims bytes before the stream began: nothing sensible to do with it.
            return Accept::OutOfWindow;
        }
        let start = start as u64;
        if start <= self.next {
            let skip = (self.next - start) as usize;
            self.ready.extend_from_slice(&payload[skip..]);
            self.next = end as u64;
            self.drain_pending();
            return Accept::InOrder;
        }
        if self.pending_bytes + payload.len() > self.max_pending {
            return Accept::Overflow;
        }
        let keep = match self.pending.get(&start) {
            Some(old) => old.len() < payload.len(),
            None => true,
        };
        if keep {
            if let Some(old) = self.pending.insert(start, payload.to_vec()) {
                self.pending_bytes -= old.len();
            }
            self.pending_bytes += payload.len();
        }
        Accept::Held
    }

    fn drain_pending(&mut self) {
        while let Some((&start, _)) = self.pending.first_key_value() {
            if start > self.next {
                break;
            }
            let Some((_, data)) = self.pending.pop_first() else {
                break;
            };
            self.pending_bytes -= data.len();
            let end = start + data.len() as u64;
            if end > self.next {
                let skip = (self.next - start) as usize;
                self.ready.extend_from_slice(&data[skip..]);
                self.next = end;
            }
        }
    }
}

/// One direction of a connection.
#[derive(Debug)]
struct Stream {
    reasm: Reassembler,
    /// Set when the stream can no longer be followed; later data is ignored.
    dead: bool,
    /// Set when this direction sent FIN.
    fin: bool,
}

impl Stream {
    fn new(max_pending: usize) -> Self {
        Stream {
            reasm: Reassembler::new(max_pending),
            dead: false,
            fin: false,
        }
    }
}

#[derive(Debug)]
struct Conn {
    id: u64,
    c2s: Stream,
    s2c: Stream,
    last_time: Duration,
}

/// A TCP segment pulled out of a packet.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    /// Sender.
    pub src: SocketAddr,
    /// Receiver.
    pub dst: SocketAddr,
    /// Sequence number.
    pub seq: u32,
    /// SYN flag.
    pub syn: bool,
    /// ACK flag.
    pub ack: bool,
    /// FIN flag.
    pub fin: bool,
    /// RST flag.
    pub rst: bool,
    /// Payload.
    pub payload: &'a [u8],
}

/// The TCP segment in a packet of link type `link`, if there is one.
pub fn segment(link: DataLink, data: &[u8]) -> Option<Segment<'_>> {
    let sliced = match link {
        DataLink::ETHERNET => SlicedPacket::from_ethernet(data).ok()?,
        DataLink::LINUX_SLL => SlicedPacket::from_linux_sll(data).ok()?,
        // Linux cooked v2: protocol type in the first two bytes of a 20-byte header.
        DataLink::LINUX_SLL2 => {
            let proto = u16::from_be_bytes([*data.first()?, *data.get(1)?]);
            SlicedPacket::from_ether_type(EtherType(proto), data.get(20..)?).ok()?
        }
        DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => SlicedPacket::from_ip(data).ok()?,
        // BSD loopback: a 4-byte address family, then the IP packet.
        DataLink::NULL | DataLink::LOOP => SlicedPacket::from_ip(data.get(4..)?).ok()?,
        _ => return None,
    };
    let (src_ip, dst_ip): (IpAddr, IpAddr) = match sliced.net.as_ref()? {
        NetSlice::Ipv4(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
        NetSlice::Ipv6(ip) => (
            ip.header().source_addr().into(),
            ip.header().destination_addr().into(),
        ),
    };
    let TransportSlice::Tcp(tcp) = sliced.transport.as_ref()? else {
        return None;
    };
    Some(Segment {
        src: SocketAddr::new(src_ip, tcp.source_port()),
        dst: SocketAddr::new(dst_ip, tcp.destination_port()),
        seq: tcp.sequence_number(),
        syn: tcp.syn(),
        ack: tcp.ack(),
        fin: tcp.fin(),
        rst: tcp.rst(),
        payload: tcp.payload(),
    })
}

/// Follows every CTI connection of a capture, packet by packet. Sans-IO: feed it packets
/// with [`Follower::packet`], then call [`Follower::finish`].
pub struct Follower {
    cfg: Config,
    conns: HashMap<(SocketAddr, SocketAddr), Conn>,
    next_id: u64,
    /// Counts so far.
    pub stats: Stats,
}

impl Follower {
    /// A follower with these settings.
    pub fn new(cfg: Config) -> Self {
        Follower {
            cfg,
            conns: HashMap::new(),
            next_id: 1,
            stats: Stats::default(),
        }
    }

    /// One captured packet.
    pub fn packet(
        &mut self,
        time: Duration,
        link: DataLink,
        data: &[u8],
        sink: &mut dyn FnMut(Event<'_>),
    ) {
        self.stats.packets += 1;
        let Some(seg) = segment(link, data) else {
            self.stats.skipped += 1;
            return;
        };
        self.segment(time, seg, sink);
    }

    /// One TCP segment.
    pub fn segment(&mut self, time: Duration, seg: Segment<'_>, sink: &mut dyn FnMut(Event<'_>)) {
        let ports = &self.cfg.server_ports;
        let (dir, client, server) = if ports.contains(&seg.dst.port()) {
            (Dir::ClientToServer, seg.src, seg.dst)
        } else if ports.contains(&seg.src.port()) {
            (Dir::ServerToClient, seg.dst, seg.src)
        } else {
            self.stats.skipped += 1;
            return;
        };
        let key = (client, server);
        // A client's SYN (without ACK) for a connection we already follow starts a new one,
        // unless it is a retransmission of the SYN we have.
        if dir == Dir::ClientToServer && seg.syn && !seg.ack {
            let fresh = match self.conns.get(&key) {
                Some(c) => c.c2s.reasm.isn != Some(seg.seq.wrapping_add(1)),
                None => true,
            };
            if fresh {
                if let Some(old) = self.conns.remove(&key) {
                    self.flush(key, old, sink);
                }
            }
        }
        // Segments that carry nothing (the last ACK of a closed connection) open nothing.
        if !self.conns.contains_key(&key) && !seg.syn && seg.payload.is_empty() {
            return;
        }
        let max_pending = self.cfg.max_pending;
        let conn = self.conns.entry(key).or_insert_with(|| {
            let id = self.next_id;
            self.next_id += 1;
            self.stats.connections += 1;
            Conn {
                id,
                c2s: Stream::new(max_pending),
                s2c: Stream::new(max_pending),
                last_time: time,
            }
        });
        conn.last_time = time;
        let conn_id = conn.id;
        let stream = match dir {
            Dir::ClientToServer => &mut conn.c2s,
            Dir::ServerToClient => &mut conn.s2c,
        };
        Self::deliver(stream, &self.cfg, dir, conn_id, time, &seg, sink);
        stream.fin |= seg.fin;
        // A connection both sides closed (or one reset) is done: report its leftovers now,
        // so that a long capture holds only the connections still open.
        if seg.rst || (conn.c2s.fin && conn.s2c.fin) {
            if let Some(done) = self.conns.remove(&key) {
                self.flush(key, done, sink);
            }
        }
    }

    /// Hand a segment's payload to its stream and pass on the frames it completes.
    fn deliver(
        stream: &mut Stream,
        cfg: &Config,
        dir: Dir,
        conn_id: u64,
        time: Duration,
        seg: &Segment<'_>,
        sink: &mut dyn FnMut(Event<'_>),
    ) {
        if stream.dead {
            return;
        }
        if seg.syn {
            stream.reasm.syn(seg.seq);
        }
        let data_seq = if seg.syn {
            seg.seq.wrapping_add(1)
        } else {
            seg.seq
        };
        let place = |off: u64| Place {
            time,
            conn: conn_id,
            dir,
            src: seg.src,
            dst: seg.dst,
            stream_offset: off,
        };
        match stream.reasm.push(data_seq, seg.payload) {
            Accept::Overflow => {
                let off = stream.reasm.ready_offset() + stream.reasm.ready().len() as u64;
                stream.dead = true;
                sink(Event::Problem {
                    place: place(off),
                    text: format!(
                        "bytes missing from the capture at stream byte {off}, and more than {} bytes arrived after the gap; the rest of this direction is not decoded",
                        cfg.max_pending
                    ),
                });
                return;
            }
            Accept::InOrder => {}
            Accept::Held | Accept::Duplicate | Accept::OutOfWindow => return,
        }
        drain_frames(stream, cfg.max_body, &place, sink);
    }

    /// End of the capture: report what is left over in every stream.
    pub fn finish(mut self, sink: &mut dyn FnMut(Event<'_>)) -> Stats {
        let mut conns: Vec<_> = self.conns.drain().collect();
        conns.sort_by_key(|(_, c)| c.id);
        for (key, conn) in conns {
            self.flush(key, conn, sink);
        }
        self.stats
    }

    fn flush(
        &mut self,
        (client, server): (SocketAddr, SocketAddr),
        conn: Conn,
        sink: &mut dyn FnMut(Event<'_>),
    ) {
        for (dir, stream) in [
            (Dir::ClientToServer, conn.c2s),
            (Dir::ServerToClient, conn.s2c),
        ] {
            if stream.dead {
                continue;
            }
            let (src, dst) = match dir {
                Dir::ClientToServer => (client, server),
                Dir::ServerToClient => (server, client),
            };
            let r = &stream.reasm;
            let place = Place {
                time: conn.last_time,
                conn: conn.id,
                dir,
                src,
                dst,
                stream_offset: r.ready_offset(),
            };
            if !r.ready().is_empty() {
                let want = wire::Header::peek(r.ready())
                    .map(|h| format!(" of {}", h.frame_len()))
                    .unwrap_or_default();
                sink(Event::Problem {
                    place,
                    text: format!(
                        "the capture ends inside a frame: {} bytes{want} captured",
                        r.ready().len()
                    ),
                });
            }
            if r.pending_bytes() > 0 {
                sink(Event::Problem {
                    place: Place {
                        stream_offset: r.ready_offset() + r.ready().len() as u64,
                        ..place
                    },
                    text: format!(
                        "bytes missing from the capture at stream byte {}; {} bytes after the gap were not decoded",
                        r.ready_offset() + r.ready().len() as u64,
                        r.pending_bytes()
                    ),
                });
            }
        }
    }
}

/// Hand every whole frame at the front of `stream` to `sink`.
fn drain_frames(
    stream: &mut Stream,
    max_body: u32,
    place: &dyn Fn(u64) -> Place,
    sink: &mut dyn FnMut(Event<'_>),
) {
    loop {
        let off = stream.reasm.ready_offset();
        match wire::split(stream.reasm.ready(), max_body) {
            Ok(Split::Frame(h)) => {
                let n = h.frame_len();
                sink(Event::Frame {
                    place: place(off),
                    frame: &stream.reasm.ready()[..n],
                });
                stream.reasm.consume(n);
            }
            Ok(Split::Incomplete) => return,
            Err(e) => {
                stream.dead = true;
                sink(Event::Problem {
                    place: place(off),
                    text: format!(
                        "{e}; the stream cannot be followed past this header (is this CTI traffic? raise --max-body?)"
                    ),
                });
                return;
            }
        }
    }
}

/// Read the capture at `path` and follow its CTI connections, calling `sink` for every frame
/// and problem in capture order. Unsupported link types are reported once each on stderr.
pub fn read(path: &Path, cfg: Config, sink: &mut dyn FnMut(Event<'_>)) -> anyhow::Result<Stats> {
    let format = sniff_file(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .with_context(|| format!("{} is not a pcap or pcapng capture", path.display()))?;
    let file = BufReader::new(
        File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
    );
    let mut follower = Follower::new(cfg);
    let mut unsupported: Vec<DataLink> = Vec::new();
    let mut note_link = |link: DataLink| {
        if !supported(link) && !unsupported.contains(&link) {
            unsupported.push(link);
            eprintln!("ccx: link type {link:?} is not supported; its packets are skipped");
        }
    };
    match format {
        Format::Pcap => {
            let mut reader = PcapReader::new(file).context("reading the pcap header")?;
            let link = reader.header().datalink;
            note_link(link);
            while let Some(p) = reader.next_packet() {
                let p = match p {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("ccx: the capture is cut short ({e}); stopping there");
                        break;
                    }
                };
                follower.packet(p.timestamp, link, &p.data, sink);
            }
        }
        Format::PcapNg => {
            let mut reader =
                PcapNgReader::new(file).context("reading the pcapng section header")?;
            // (link type, ticks per second) per interface of the current section.
            let mut interfaces: Vec<(DataLink, u64)> = Vec::new();
            while let Some(block) = reader.next_block() {
                let block = match block {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("ccx: the capture is cut short ({e}); stopping there");
                        break;
                    }
                };
                match block {
                    Block::SectionHeader(_) => interfaces.clear(),
                    Block::InterfaceDescription(idb) => {
                        note_link(idb.linktype);
                        let resol = idb.options.iter().find_map(|o| match o {
                            InterfaceDescriptionOption::IfTsResol(r) => Some(*r),
                            _ => None,
                        });
                        interfaces.push((idb.linktype, ticks_per_second(resol)));
                    }
                    Block::EnhancedPacket(epb) => {
                        let Some(&(link, tps)) = interfaces.get(epb.interface_id as usize) else {
                            follower.stats.skipped += 1;
                            continue;
                        };
                        // pcap-file hands the raw timestamp over as nanoseconds whatever the
                        // interface's resolution; rescale it.
                        let ticks = epb.timestamp.as_nanos() as u64;
                        let time = ticks_to_duration(ticks, tps);
                        follower.packet(time, link, &epb.data, sink);
                    }
                    Block::SimplePacket(spb) => {
                        let Some(&(link, _)) = interfaces.first() else {
                            follower.stats.skipped += 1;
                            continue;
                        };
                        follower.packet(Duration::ZERO, link, &spb.data, sink);
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(follower.finish(sink))
}

fn supported(link: DataLink) -> bool {
    matches!(
        link,
        DataLink::ETHERNET
            | DataLink::LINUX_SLL
            | DataLink::LINUX_SLL2
            | DataLink::RAW
            | DataLink::IPV4
            | DataLink::IPV6
            | DataLink::NULL
            | DataLink::LOOP
    )
}

/// Timestamp units per second from pcapng's `if_tsresol` (default: microseconds).
fn ticks_per_second(resol: Option<u8>) -> u64 {
    match resol {
        None => 1_000_000,
        Some(r) if r & 0x80 != 0 => 1u64.checked_shl((r & 0x7F) as u32).unwrap_or(1_000_000),
        Some(r) => 10u64.checked_pow(r as u32).unwrap_or(1_000_000),
    }
}

fn ticks_to_duration(ticks: u64, per_second: u64) -> Duration {
    let per_second = per_second.max(1);
    let secs = ticks / per_second;
    let rem = ticks % per_second;
    let nanos = (rem as u128 * 1_000_000_000 / per_second as u128) as u32;
    Duration::new(secs, nanos)
}

/// A capture path given on the command line that is not a capture.
pub fn require_capture(path: &Path) -> anyhow::Result<()> {
    match sniff_file(path).with_context(|| format!("cannot read {}", path.display()))? {
        Some(_) => Ok(()),
        None => bail!("{} is not a pcap or pcapng capture", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream never buffers more than one frame of the largest allowed body plus the
    /// largest segment offered (200 bytes here).
    const HEADER_LIMIT: usize = 8 + cti_proto::wire::DEFAULT_MAX_BODY as usize + 200 + 4096;

    fn collect(r: &Reassembler) -> Vec<u8> {
        r.ready().to_vec()
    }

    #[test]
    fn in_order_and_syn() {
        let mut r = Reassembler::new(1000);
        r.syn(99);
        assert_eq!(r.push(100, b"abc"), Accept::InOrder);
        assert_eq!(r.push(103, b"de"), Accept::InOrder);
        assert_eq!(collect(&r), b"abcde");
        r.consume(2);
        assert_eq!(r.ready_offset(), 2);
        assert_eq!(collect(&r), b"cde");
    }

    #[test]
    fn retransmission_and_overlap() {
        let mut r = Reassembler::new(1000);
        r.syn(0);
        assert_eq!(r.push(1, b"hello"), Accept::InOrder);
        assert_eq!(r.push(1, b"hello"), Accept::Duplicate);
        assert_eq!(r.push(3, b"ll"), Accept::Duplicate);
        // Overlaps the end of what we have: only the new tail is taken.
        assert_eq!(r.push(4, b"lo world"), Accept::InOrder);
        assert_eq!(collect(&r), b"hello world");
    }

    #[test]
    fn out_of_order_is_held_then_delivered() {
        let mut r = Reassembler::new(1000);
        r.syn(0);
        assert_eq!(r.push(7, b"world"), Accept::Held);
        assert_eq!(r.push(4, b"lo "), Accept::Held);
        assert_eq!(r.pending_bytes(), 8);
        assert!(r.ready().is_empty());
        assert_eq!(r.push(1, b"hel"), Accept::InOrder);
        assert_eq!(collect(&r), b"hello world");
        assert_eq!(r.pending_bytes(), 0);
        // A held segment overlapping what has arrived since.
        let mut r = Reassembler::new(1000);
        r.syn(0);
        assert_eq!(r.push(3, b"cdef"), Accept::Held);
        assert_eq!(r.push(1, b"abcd"), Accept::InOrder);
        assert_eq!(collect(&r), b"abcdef");
    }

    #[test]
    fn sequence_wraparound() {
        let mut r = Reassembler::new(1000);
        r.syn(u32::MAX - 2);
        assert_eq!(r.push(u32::MAX - 1, b"ab"), Accept::InOrder);
        assert_eq!(r.push(0, b"cd"), Accept::InOrder);
        assert_eq!(r.push(u32::MAX, b"bc"), Accept::Duplicate);
        assert_eq!(collect(&r), b"abcd");
    }

    #[test]
    fn garbage_and_overflow_are_bounded() {
        let mut r = Reassembler::new(10);
        r.syn(0);
        assert_eq!(r.push(1, b"a"), Accept::InOrder);
        assert_eq!(r.push(0x8000_0000, b"zzz"), Accept::OutOfWindow);
        assert_eq!(r.push(100, b"0123456789"), Accept::Held);
        assert_eq!(r.push(200, b"x"), Accept::Overflow);
        assert_eq!(r.pending_bytes(), 10);
        assert_eq!(collect(&r), b"a");
    }

    #[test]
    fn mid_stream_start_without_syn() {
        let mut r = Reassembler::new(100);
        assert_eq!(r.push(5000, b"xy"), Accept::InOrder);
        assert_eq!(r.push(5002, b"z"), Accept::InOrder);
        assert_eq!(collect(&r), b"xyz");
    }

    #[test]
    fn magic_numbers() {
        assert_eq!(sniff(&[0x0A, 0x0D, 0x0D, 0x0A]), Some(Format::PcapNg));
        assert_eq!(sniff(&[0xD4, 0xC3, 0xB2, 0xA1]), Some(Format::Pcap));
        assert_eq!(sniff(&[0x4D, 0x3C, 0xB2, 0xA1]), Some(Format::Pcap));
        assert_eq!(sniff(&[0, 0, 0, 4]), None);
        assert_eq!(sniff(&[0x0A]), None);
    }

    #[test]
    fn timestamp_resolutions() {
        assert_eq!(ticks_per_second(None), 1_000_000);
        assert_eq!(ticks_per_second(Some(9)), 1_000_000_000);
        assert_eq!(ticks_per_second(Some(0x80 | 10)), 1024);
        assert_eq!(ticks_per_second(Some(200)), 1_000_000);
        assert_eq!(
            ticks_to_duration(1_700_000_000_123_456, 1_000_000),
            Duration::new(1_700_000_000, 123_456_000)
        );
        assert_eq!(ticks_to_duration(1536, 1024), Duration::new(1, 500_000_000));
    }

    fn seg<'a>(
        src: &str,
        dst: &str,
        seq: u32,
        syn: bool,
        ack: bool,
        payload: &'a [u8],
    ) -> Segment<'a> {
        Segment {
            src: src.parse().unwrap(),
            dst: dst.parse().unwrap(),
            seq,
            syn,
            ack,
            fin: false,
            rst: false,
            payload,
        }
    }

    #[test]
    fn follower_splits_frames_per_direction_and_reports_leftovers() {
        let mut f = Follower::new(Config::default());
        let c = "10.0.0.1:5000";
        let s = "10.0.0.2:42027";
        let hb = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 7];
        let mut frames = Vec::new();
        let mut problems = Vec::new();
        let mut sink = |e: Event<'_>| match e {
            Event::Frame { place, frame } => {
                frames.push((place.dir, place.stream_offset, frame.to_vec()))
            }
            Event::Problem { place, text } => problems.push((place.dir, text)),
        };
        let t = Duration::from_secs(1);
        f.segment(t, seg(c, s, 10, true, false, b""), &mut sink);
        f.segment(t, seg(s, c, 500, true, true, b""), &mut sink);
        // A frame split over two segments, then one and a half frames.
        f.segment(t, seg(c, s, 11, false, true, &hb[..5]), &mut sink);
        f.segment(t, seg(c, s, 16, false, true, &hb[5..]), &mut sink);
        let mut two = hb.to_vec();
        two.extend_from_slice(&hb[..10]);
        f.segment(t, seg(c, s, 23, false, true, &two), &mut sink);
        // Unrelated port: skipped.
        f.segment(
            t,
            seg("10.0.0.1:1", "10.0.0.2:2", 1, false, true, b"x"),
            &mut sink,
        );
        let stats = f.finish(&mut sink);
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0], (Dir::ClientToServer, 0, hb.to_vec()));
        assert_eq!(frames[1].1, 12);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .1
                .contains("ends inside a frame: 10 bytes of 12"),
            "{problems:?}"
        );
        assert_eq!(stats.connections, 1);
        assert_eq!(stats.skipped, 1);
    }

    #[test]
    fn closed_connections_are_flushed_and_forgotten() {
        let mut f = Follower::new(Config::default());
        let c = "10.0.0.1:5000";
        let s = "10.0.0.2:42027";
        let mut frames = Vec::new();
        let mut problems = Vec::new();
        let mut sink = |e: Event<'_>| match e {
            Event::Frame { place, .. } => frames.push(place.conn),
            Event::Problem { place, text } => problems.push((place.conn, text)),
        };
        let t = Duration::ZERO;
        let hb = [0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 7];
        f.segment(t, seg(c, s, 10, true, false, b""), &mut sink);
        // A whole heartbeat and 3 bytes of the next, then FIN both ways.
        let mut data = hb.to_vec();
        data.extend_from_slice(&hb[..3]);
        let mut last = seg(c, s, 11, false, true, &data);
        last.fin = true;
        f.segment(t, last, &mut sink);
        let mut fin = seg(s, c, 900, false, true, b"");
        fin.fin = true;
        f.segment(t, fin, &mut sink);
        assert!(f.conns.is_empty());
        // The final ACK opens nothing; a new SYN is connection 2.
        f.segment(t, seg(c, s, 27, false, true, b""), &mut sink);
        assert!(f.conns.is_empty());
        f.segment(t, seg(c, s, 5000, true, false, b""), &mut sink);
        f.segment(t, seg(c, s, 5001, false, true, &hb), &mut sink);
        let stats = f.finish(&mut sink);
        assert_eq!(frames, [1, 2]);
        assert_eq!(stats.connections, 2);
        // The cut heartbeat of connection 1 was reported when it closed.
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 1);
        assert!(problems[0].1.contains("3 bytes captured"), "{problems:?}");
    }

    #[test]
    fn random_segments_never_panic_and_stay_bounded() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut f = Follower::new(Config {
            max_pending: 4096,
            ..Config::default()
        });
        let mut events = 0usize;
        let mut sink = |_e: Event<'_>| events += 1;
        let mut base = next() as u32;
        for _ in 0..5000 {
            let r = next();
            let len = (r % 200) as usize;
            let payload: Vec<u8> = (0..len).map(|i| (r >> (i % 56)) as u8).collect();
            // Mostly near the stream position, sometimes anywhere.
            let seq = if r % 7 == 0 {
                next() as u32
            } else {
                base.wrapping_add((r >> 8) as u32 % 600)
            };
            base = base.wrapping_add((r >> 20) as u32 % 150);
            let client = r % 3 != 0;
            let (src, dst) = if client {
                ("10.0.0.1:7000", "10.0.0.2:42027")
            } else {
                ("10.0.0.2:42027", "10.0.0.1:7000")
            };
            let mut sg = seg(src, dst, seq, r % 97 == 0, r % 2 == 0, &payload);
            sg.fin = r % 89 == 0;
            sg.rst = r % 211 == 0;
            f.segment(Duration::ZERO, sg, &mut sink);
            for c in f.conns.values() {
                assert!(c.c2s.reasm.pending_bytes() <= 4096);
                assert!(c.s2c.reasm.pending_bytes() <= 4096);
                assert!(c.c2s.reasm.ready().len() <= HEADER_LIMIT);
                assert!(c.s2c.reasm.ready().len() <= HEADER_LIMIT);
            }
        }
        f.finish(&mut sink);
        assert!(events > 0);
    }

    #[test]
    fn follower_stops_a_direction_on_an_oversized_header() {
        let mut f = Follower::new(Config {
            max_body: 100,
            ..Config::default()
        });
        let mut problems = Vec::new();
        let mut sink = |e: Event<'_>| {
            if let Event::Problem { text, .. } = e {
                problems.push(text)
            }
        };
        let t = Duration::ZERO;
        f.segment(
            t,
            seg(
                "1.1.1.1:9",
                "2.2.2.2:12028",
                0,
                false,
                true,
                &[0, 0, 1, 0, 0, 0, 0, 5],
            ),
            &mut sink,
        );
        f.segment(
            t,
            seg("1.1.1.1:9", "2.2.2.2:12028", 8, false, true, &[0; 300]),
            &mut sink,
        );
        f.finish(&mut sink);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("over the limit of 100"),
            "{problems:?}"
        );
    }
}
