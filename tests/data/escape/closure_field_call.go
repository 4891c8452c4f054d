package main

type Handler struct {
	fn func(int) int
}

func main() {
	k := 3
	h := Handler{fn: func(x int) int { return x * k }}
	println(h.fn(2))
}
