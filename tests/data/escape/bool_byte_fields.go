package main

type Flags struct {
	on, dirty bool
	tag       byte
}

func main() {
	f := &Flags{on: true, tag: 'x'}
	g := Flags{dirty: true}
	println(f.on, f.tag, g.dirty)
}
