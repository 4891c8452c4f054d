package main

type T struct{ a int }

func add(s []*T, t *T) []*T {
	return append(s, t)
}

func grow(s []int) []int {
	return append(s, 1)
}

func main() {
	s := add(nil, &T{a: 1})
	g := grow(nil)
	println(len(s), len(g))
}
