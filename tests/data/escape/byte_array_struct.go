package main

type Packet struct {
	hdr  [4]byte
	body []byte
	next *Packet
}

func newPacket(n int) *Packet {
	p := &Packet{}
	p.body = make([]byte, n)
	return p
}

func main() {
	p := newPacket(8)
	p.hdr[0] = 1
	println(len(p.body), p.hdr[0])
}
