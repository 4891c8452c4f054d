package main

type T struct{ a int }

func addrOf(t T) *T {
	return &t
}

func main() {
	p := addrOf(T{a: 5})
	println(p.a)
}
