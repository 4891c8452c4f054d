package main

type T struct{ a int }

func ignore(*T, int) int {
	return 1
}

func blank(_ *T) int {
	return 2
}

func main() {
	t := &T{}
	println(ignore(t, 1) + blank(t))
}
