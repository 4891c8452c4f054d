package main

func outer() func() func() int {
	x := 1
	return func() func() int {
		return func() int {
			x++
			return x
		}
	}
}

func main() {
	f := outer()
	g := f()
	println(g())
}
