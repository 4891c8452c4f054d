package main

type T struct{ a int }

func list() []*T {
	return []*T{{a: 1}, {a: 2}}
}

func main() {
	l := list()
	println(len(l), l[1].a)
}
