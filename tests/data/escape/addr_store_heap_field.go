package main

type T struct{ a int }

type H struct{ p *T }

func store(h *H) {
	t := T{a: 3}
	h.p = &t
}

func main() {
	h := &H{}
	store(h)
	println(h.p.a)
}
