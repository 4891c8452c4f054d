package main

type T struct{ a, b int }

func sum(t *T) int {
	return t.a + t.b
}

func length(s []int) int {
	return len(s)
}

func main() {
	t := &T{a: 1, b: 2}
	s := []int{1, 2, 3}
	println(sum(t), length(s))
}
