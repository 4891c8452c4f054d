package main

type Pair struct {
	a, b *int
}

func makePair(x, y *int) Pair {
	return Pair{a: x, b: y}
}

func main() {
	x := 1
	y := 2
	p := makePair(&x, &y)
	println(*p.a + *p.b)
}
