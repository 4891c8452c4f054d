package main

func main() {
	var p *int
	x := 1
	p = &x
	for i := 0; i < 3; i++ {
		*p += i
	}
	println(x)
}
